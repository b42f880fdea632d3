package io.goauthentik.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 answering every request with one canned 200 JSON response,
 * keeping connections alive. It does as little as possible per request so the client's cost shows;
 * it only serves GET requests without a body, which is all the benchmark sends.
 */
final class LoopbackServer implements Closeable {
  private final ServerSocket server;
  private final byte[] response;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  LoopbackServer(byte[] body) throws IOException {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    response = new byte[head.length + body.length];
    System.arraycopy(head, 0, response, 0, head.length);
    System.arraycopy(body, 0, response, head.length, body.length);
    server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    daemon(this::accept, "loopback-accept");
  }

  /** The server's root URL, such as {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.add(socket);
        daemon(() -> serve(socket), "loopback-conn");
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (skipRequestHead(in)) {
        out.write(response);
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    } finally {
      connections.remove(socket);
    }
  }

  /** Reads up to the blank line ending a request head; false at end of stream. */
  private static boolean skipRequestHead(InputStream in) throws IOException {
    int matched = 0; // how much of "\r\n\r\n" was just seen
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\r') {
        matched = matched == 2 ? 3 : 1;
      } else if (b == '\n' && (matched == 1 || matched == 3)) {
        if (++matched == 4) {
          return true;
        }
      } else {
        matched = 0;
      }
    }
    return false;
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
