package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After {@code close()} a client sends nothing: new calls fail at once, calls in flight are
 * cancelled, calls waiting to retry end, each saying why; and a client nobody closes does not keep
 * a JVM alive.
 */
class CloseTest {
  private static final String TOKEN = "ak-close-test-token-7b6a5c";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN);
  private final MockWebServer server = authentik.server();

  @BeforeEach
  void start() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build());
  }

  @Test
  void callsOnAClosedClientFailAtOnce() {
    AuthentikClient client = authentik.client();
    client.close();

    assertClosed(client);
  }

  @Test
  void callsOnAClosedClientFailEvenWhenItsHttpClientWasInjected() {
    OkHttpClient injected = new OkHttpClient();
    AuthentikClient client = authentik.client(b -> b.httpClient(injected));
    client.close();

    assertClosed(client);
    injected.dispatcher().executorService().shutdown();
  }

  @Test
  void closingEndsACallWaitingToRetryAndNothingMoreIsSent() throws Exception {
    server.setDispatcher(new QueueDispatcher()); // without the 200 start() queued
    // A wait far longer than the test waits for the call to end: only close() can end it in time.
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "9").build());
    server.enqueue(ok());
    HeldWaits waits = new HeldWaits();
    AuthentikClient client = authentik.client(b -> b.retryWaits(waits));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.oauth2().oauth2RefreshTokensRetrieve(42);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    caller.start();
    assertTrue(waits.sleeping.await(10, TimeUnit.SECONDS), "the call waits to retry");

    client.close();
    caller.join(3_000);

    assertFalse(caller.isAlive(), "the call still waits after close()");
    assertEquals(TransportException.class, failure.get().getClass(), String.valueOf(failure.get()));
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: the client was closed while waiting to retry",
        failure.get().getMessage());
    assertEquals(ServerException.class, failure.get().getCause().getClass(), "the last failure is the cause");
    assertEquals(1, server.getRequestCount(), "no request after close()");
    assertEquals(0, client.http().connectionPool().connectionCount(), "and no connection left in the pool");
  }

  @Test
  void anAsyncCallWhoseRetryComesAfterCloseSaysSo() throws Exception {
    server.setDispatcher(new QueueDispatcher());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(ok());
    HeldWaits waits = new HeldWaits();
    AuthentikClient client = authentik.client(b -> b.retryWaits(waits));
    CompletableFuture<?> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
    Runnable retry = waits.nextAttempt();

    client.close();
    retry.run();

    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertEquals(TransportException.class, e.getCause().getClass(), String.valueOf(e.getCause()));
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: the client was closed while waiting to retry",
        e.getCause().getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void closingCancelsTheCallsInFlight() throws Exception {
    server.setDispatcher(new QueueDispatcher());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AuthentikClient client = authentik.client(b -> b.readTimeout(Duration.ofMinutes(1)));
    CompletableFuture<?> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
    assertNotNull(server.takeRequest(10, TimeUnit.SECONDS));

    client.close();

    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: the client was closed while sending the request",
        e.getCause().getMessage());
  }

  @Test
  void aScriptThatForgetsToCloseIsNotKeptAlive() throws Exception {
    server.enqueue(ok());
    Process script = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ForgetfulScript.class.getName(), server.url("/").toString())
        .redirectErrorStream(true).start();
    long start = System.nanoTime();

    boolean exited = script.waitFor(30, TimeUnit.SECONDS);

    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    script.destroyForcibly();
    assertTrue(exited, "still running after 30 s: " + output);
    assertEquals(0, script.exitValue(), output);
    assertTrue(output.contains("akadmin akadmin"), output);
    // OkHttp's own dispatcher threads are not daemons and idle for 60 s before they end.
    assertTrue(seconds < 15, "exited after " + seconds + " s");
  }

  /** Makes an async and a blocking call, never closes the client, and returns from main. */
  static final class ForgetfulScript {
    public static void main(String[] args) throws Exception {
      AuthentikClient client = AuthentikClient.builder().baseUrl(args[0]).token(TOKEN).build();
      String async = client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get().getUser().getUsername();
      String blocking = client.oauth2().oauth2RefreshTokensRetrieve(42).getUser().getUsername();
      System.out.println(async + " " + blocking);
    }
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build();
  }

  private void assertClosed(AuthentikClient client) {
    IllegalStateException sync = assertThrows(IllegalStateException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    assertEquals("This AuthentikClient is closed; build a new one", sync.getMessage());
    IllegalStateException async = assertThrows(IllegalStateException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(5, TimeUnit.SECONDS));
    assertEquals(sync.getMessage(), async.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
