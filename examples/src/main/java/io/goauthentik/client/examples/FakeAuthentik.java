package io.goauthentik.client.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an authentik server on loopback, answering the refresh-token endpoint the way a
 * real one does: the token with id 42 for the right bearer token, 404 {@code {"detail"}} for any
 * other id, 403 {@code {"detail"}} for a missing or wrong token. Uses only the JDK's HTTP server.
 */
final class FakeAuthentik implements AutoCloseable {
  private static final Pattern RETRIEVE = Pattern.compile("/api/v3/oauth2/refresh_tokens/(\\d+)/");

  private final HttpServer server;
  private final String token;
  private final byte[] refreshToken42;

  FakeAuthentik(String token) {
    this.token = token;
    this.refreshToken42 = resource("refresh_token_42.json");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server's URL, such as {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Matcher path = RETRIEVE.matcher(exchange.getRequestURI().getPath());
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 403, "{\"detail\": \"Token invalid/expired\"}".getBytes(StandardCharsets.UTF_8));
      } else if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
        send(exchange, 404, "{\"detail\": \"Not found.\"}".getBytes(StandardCharsets.UTF_8));
      } else if (!"42".equals(path.group(1))) {
        send(exchange, 404, "{\"detail\": \"No RefreshToken matches the given query.\"}".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 200, refreshToken42);
      }
    } finally {
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = FakeAuthentik.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing demo resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
