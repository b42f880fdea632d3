package io.goauthentik.client.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Each HTTP exchange, from arrival to answer: records the request, applies the first injected
 * {@link Fault} that matches it, and otherwise sends what the {@link Router} decides. Thread-safe:
 * the HTTP server calls it from many threads.
 */
final class Frontend implements HttpHandler {
  private final Router router;
  private final FaultPlan faults;
  private final RequestLog log;

  Frontend(Router router, FaultPlan faults, RequestLog log) {
    this.router = router;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      // Read whole: a body left unread would spoil the kept-alive connection.
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      log.add(new ReceivedRequest(method, uri.getRawPath(), uri.getRawQuery(), exchange.getRequestHeaders(), body));
      Fault fault = faults.take(method, uri.getRawPath(), uri.getRawQuery());
      if (fault != null && fault.kind == Fault.Kind.DISCONNECT) {
        return; // closed below before a byte of answer: the JDK server then drops the connection
      }
      if (fault != null && fault.kind == Fault.Kind.DELAY && !waited(fault)) {
        return; // the fake is closing
      }
      Answer answer = fault != null && fault.kind == Fault.Kind.RESPOND ? fault.answer
          : router.answer(method, uri, exchange.getRequestHeaders().getFirst("Authorization"), body);
      if (fault != null && fault.kind == Fault.Kind.UNKNOWN_VALUES) {
        answer = UnknownValues.apply(answer);
      }
      send(exchange, answer);
    } catch (RuntimeException e) {
      // As Django answers a crash; the exception carries no secret, but stays in the fake.
      send(exchange, new Answer(500, "text/html", "<h1>Server Error (500)</h1>", Map.of()));
    } finally {
      exchange.close();
    }
  }

  /** Waits out a delay; false when interrupted (the fake is closing). */
  private static boolean waited(Fault fault) {
    try {
      Thread.sleep(fault.delay.toMillis(), fault.delay.toNanosPart() % 1_000_000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (answer.body == null) {
      exchange.sendResponseHeaders(answer.status, -1);
      return;
    }
    byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType);
    exchange.sendResponseHeaders(answer.status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
