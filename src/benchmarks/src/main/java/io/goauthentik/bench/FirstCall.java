package io.goauthentik.bench;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.model.RefreshToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a fresh JVM pays to build a client and make its first call: the time from
 * {@code AuthentikClient.builder()} to the first retrieve's decoded result, class loading and
 * initialization included, against a loopback server answering the 2026.5.6 refresh token. One
 * measurement per run; {@code .ci/budgets} runs it many times, in fresh JVMs, against this SDK's
 * jar and the baseline's. Self-contained (JDK and the SDK only), so it compiles against either.
 *
 * <p>{@code java -cp <sdk jar and its dependencies>:<this class> io.goauthentik.bench.FirstCall <body.json>}
 * prints the milliseconds.
 */
public final class FirstCall {
  private FirstCall() {
  }

  public static void main(String[] args) throws Exception {
    byte[] body = Files.readAllBytes(Path.of(args[0]));
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread serving = new Thread(() -> serveOnce(server, body), "first-call-server");
      serving.setDaemon(true);
      serving.start();

      long start = System.nanoTime();
      RefreshToken token;
      try (AuthentikClient client = AuthentikClient.builder().baseUrl("http://127.0.0.1:" + server.getLocalPort())
          .token("first-call-token").build()) {
        token = client.oauth2().oauth2RefreshTokensRetrieve(42);
      }
      long elapsed = System.nanoTime() - start;
      if (token.getPk() == null) {
        throw new IllegalStateException("no token read");
      }
      System.out.printf("%.2f%n", elapsed / 1e6);
    }
  }

  private static void serveOnce(ServerSocket server, byte[] body) {
    try (Socket socket = server.accept()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        // the request head; a GET has no body
      }
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (Exception e) {
      // the client reports what it did not get
    }
  }
}
