package io.goauthentik.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 server on 127.0.0.1 serving a paginated refresh-token list as authentik pages it
 * ({@code ?page=N}, from 1; {@code next} 0 on the last page), each answer after a fixed delay: a
 * server that takes as long per page as the caller's work on it.
 */
final class PagingServer implements Closeable {
  private final ServerSocket server;
  private final byte[][] responses; // by page number - 1
  private final long delayMillis;

  PagingServer(byte[] token, int pages, int perPage, long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    JsonObject result = JsonParser.parseString(new String(token, StandardCharsets.UTF_8)).getAsJsonObject();
    responses = new byte[pages][];
    for (int page = 1; page <= pages; page++) {
      JsonObject pagination = new JsonObject();
      pagination.addProperty("next", page < pages ? page + 1 : 0);
      pagination.addProperty("previous", page - 1);
      pagination.addProperty("count", pages * perPage);
      pagination.addProperty("current", page);
      pagination.addProperty("total_pages", pages);
      pagination.addProperty("start_index", (page - 1) * perPage + 1);
      pagination.addProperty("end_index", page * perPage);
      JsonArray results = new JsonArray();
      for (int i = 0; i < perPage; i++) {
        JsonObject copy = result.deepCopy();
        copy.addProperty("pk", (page - 1) * perPage + i + 1);
        results.add(copy);
      }
      JsonObject body = new JsonObject();
      body.add("pagination", pagination);
      body.add("results", results);
      byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
      byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      responses[page - 1] = new byte[head.length + json.length];
      System.arraycopy(head, 0, responses[page - 1], 0, head.length);
      System.arraycopy(json, 0, responses[page - 1], head.length, json.length);
    }
    server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    daemon(this::accept);
  }

  /** The server's root URL. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        daemon(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      for (String requestLine; (requestLine = in.readLine()) != null; ) {
        while (!in.readLine().isEmpty()) {
          // headers: nothing to read from them
        }
        int at = requestLine.indexOf("page=");
        int page = at < 0 ? 1 : Integer.parseInt(requestLine.substring(at + 5).split("[& ]")[0]);
        Thread.sleep(delayMillis);
        out.write(responses[page - 1]);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client closed the connection, or the benchmark ended
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "paging-server");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
