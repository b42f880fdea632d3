package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * callTimeout bounds a whole call, also when the server keeps the connection busy without ever
 * going silent long enough for the read timeout. Upper bounds are the budget plus generous slack.
 */
class CallTimeoutTest {
  private static final Duration BUDGET = Duration.ofMillis(400);
  private static final long SLACK_MILLIS = 5_000;
  private static final String FIXTURE = Fixtures.load("2026.5.6", "refresh_token.json");

  private final MockWebServer server = new MockWebServer();
  private AuthentikClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token("ak-timeout-test-token")
        .callTimeout(BUDGET).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aBodyTrickledSlowerThanTheBudgetEndsInTransportException() {
    // 64 bytes every 100 ms: never silent for the 30 s read timeout, but about 7 s for the whole body.
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(FIXTURE).throttleBody(64, 100, TimeUnit.MILLISECONDS).build());

    long start = System.nanoTime();
    TransportException e = assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertWithinBudget(start);
    assertEquals(0, e.getCode());
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
  }

  @Test
  void aServerThatDoesNotAnswerInTimeEndsInTransportException() {
    server.enqueue(new MockResponse.Builder().code(200).body(FIXTURE).headersDelay(20, TimeUnit.SECONDS).build());

    long start = System.nanoTime();
    TransportException e = assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertWithinBudget(start);
    assertTrue(e.getMessage().startsWith("GET /api/v3/oauth2/refresh_tokens/42/: timed out"), e.getMessage());
  }

  @Test
  void anAsyncCallEndsInTheSameTransportException() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(FIXTURE).headersDelay(20, TimeUnit.SECONDS).build());

    long start = System.nanoTime();
    CompletableFuture<?> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(SLACK_MILLIS, TimeUnit.MILLISECONDS));

    assertWithinBudget(start);
    TransportException cause = assertInstanceOf(TransportException.class, e.getCause());
    assertTrue(cause.getMessage().contains("timed out"), cause.getMessage());
  }

  @Test
  void theClientStaysUsableAfterACallTimedOut() {
    server.enqueue(new MockResponse.Builder().code(200).body(FIXTURE).headersDelay(20, TimeUnit.SECONDS).build());
    assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(FIXTURE).build());
    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
  }

  private static void assertWithinBudget(long startNanos) {
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    assertTrue(elapsedMillis < BUDGET.toMillis() + SLACK_MILLIS, "took " + elapsedMillis + " ms");
  }
}
