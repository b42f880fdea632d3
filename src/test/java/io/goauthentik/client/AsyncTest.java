package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code oauth2RefreshTokensRetrieveAsync}: the same value, exceptions, retries and timeouts as the
 * blocking call, and cancelling the future cancels the HTTP call.
 */
class AsyncTest {
  private static final String TOKEN = "ak-async-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PREFIX = "GET /api/v3/oauth2/refresh_tokens/42/: ";
  private static final long WAIT_SECONDS = 10;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AuthentikClient.Builder builder() {
    return AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .retryBaseDelay(Duration.ofMillis(1)).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10));
  }

  /** The exception the future completed with, after checking it is exactly {@code type}. */
  private static <T extends ApiException> T failure(CompletableFuture<RefreshToken> future, Class<T> type)
      throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(type, e.getCause().getClass(), () -> "completed with " + e.getCause());
    return type.cast(e.getCause());
  }

  private void always(MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }

  @Test
  void completesWithTheToken() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    try (AuthentikClient client = builder().build()) {
      RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertEquals(42, token.getPk());
      assertEquals("akadmin", token.getUser().getUsername());
    }
    RecordedRequest request = server.takeRequest();
    assertEquals("/api/v3/oauth2/refresh_tokens/42/", request.getTarget());
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("400", ValidationException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(400).body(Fixtures.load("2024.6.3", "400.json")).build()),
        Arguments.of("403", PermissionDeniedException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(403).body(Fixtures.load("2024.6.3", "403.json")).build()),
        Arguments.of("404", NotFoundException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(404).body(Fixtures.load("2024.6.3", "404.json")).build()),
        Arguments.of("418", ApiException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(418).build()),
        Arguments.of("500", ServerException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(500).body("<h1>oops</h1>").build()),
        Arguments.of("503 forever", ServerException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(503).build()),
        Arguments.of("429 forever", RateLimitException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(429).build()),
        Arguments.of("429 Retry-After 1 h", RateLimitException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build()),
        Arguments.of("truncated JSON", MalformedResponseException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(200).body(BODY.substring(0, 500)).build()),
        Arguments.of("empty 200", MalformedResponseException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(200).build()),
        Arguments.of("closed before the response", TransportException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()),
        Arguments.of("not HTTP", TransportException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().status("SSH-2.0-OpenSSH_9.6").build()),
        Arguments.of("closed mid-body", TransportException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(200).body(BODY).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void completesWithTheSameExceptionAsTheBlockingCall(String fault, Class<? extends ApiException> type,
      Supplier<MockResponse> response) throws Exception {
    always(response.get());

    try (AuthentikClient client = builder().build()) {
      ApiException blocking = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
      int blockingRequests = server.getRequestCount();
      ApiException async = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), type);

      assertEquals(type, blocking.getClass());
      assertEquals(blocking.getMessage(), async.getMessage());
      assertEquals(blocking.getCode(), async.getCode());
      assertEquals(blocking.getResponseBody(), async.getResponseBody());
      assertEquals(blockingRequests, server.getRequestCount() - blockingRequests, "as many attempts");
    }
  }

  @Test
  void connectionRefusedCompletesWithTransportExceptionAfterTheRetries() throws Exception {
    String url = server.url("/").toString();
    server.close();

    try (AuthentikClient client = builder().baseUrl(url).build()) {
      TransportException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), TransportException.class);

      assertEquals(PREFIX + "could not connect while sending the request (ConnectException) (after 3 attempts)",
          e.getMessage());
    }
  }

  @Test
  void retriesThenCompletesWithTheToken() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    try (AuthentikClient client = builder().build()) {
      assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(WAIT_SECONDS, TimeUnit.SECONDS).getPk());
    }
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void maxRetriesZeroSendsOnce() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    try (AuthentikClient client = builder().maxRetries(0).build()) {
      ServerException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), ServerException.class);

      assertEquals(PREFIX + "503 Service Unavailable", e.getMessage());
    }
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void readTimeoutEndsEachAttempt() throws Exception {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    try (AuthentikClient client = builder().readTimeout(Duration.ofMillis(200)).build()) {
      TransportException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), TransportException.class);

      assertEquals(PREFIX + "timed out while sending the request (SocketTimeoutException) (after 3 attempts)",
          e.getMessage());
    }
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void callTimeoutEndsTheWholeCall() throws Exception {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    try (AuthentikClient client = builder().readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofMillis(300)).build()) {
      long start = System.nanoTime();
      TransportException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), TransportException.class);

      assertEquals(PREFIX + "timed out or was cancelled while sending the request (InterruptedIOException)",
          e.getMessage());
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "ends near the 300 ms budget");
    }
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CallEvents events = new CallEvents();
    OkHttpClient http = new OkHttpClient.Builder().eventListener(events).build();

    try (AuthentikClient client = builder().httpClient(http).build()) {
      CompletableFuture<RefreshToken> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
      assertNotNull(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS), "the request reached the server");

      assertTrue(future.cancel(true));

      assertTrue(events.canceled.await(WAIT_SECONDS, TimeUnit.SECONDS), "the HTTP call was cancelled");
      assertTrue(events.failed.await(WAIT_SECONDS, TimeUnit.SECONDS), "and ended");
      assertTrue(future.isCancelled());
      assertThrows(CancellationException.class, future::join);
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void cancellingWhileWaitingToRetrySendsNothingMore() throws Exception {
    // The first answer asks for a 1 s pause: the future is cancelled during it.
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());
    CallEvents events = new CallEvents();
    OkHttpClient http = new OkHttpClient.Builder().eventListener(events).build();

    try (AuthentikClient client = builder().httpClient(http).build()) {
      CompletableFuture<RefreshToken> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
      assertTrue(events.ended.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first attempt got its 503");

      future.cancel(true);

      assertNotNull(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS));
      assertNull(server.takeRequest(1500, TimeUnit.MILLISECONDS), "no attempt after the pause");
      assertTrue(future.isCancelled());
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void theConnectionIsReleasedWhenTheFutureCompletes() throws Exception {
    // An error body larger than the part the SDK reads, so the response still holds its connection
    // until it is closed; the server answers only once the test has attached its check.
    CountDownLatch attached = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        attached.await(WAIT_SECONDS, TimeUnit.SECONDS);
        return new MockResponse.Builder().code(500).body("x".repeat(200 * 1024)).build();
      }
    });
    ConnectionPool pool = new ConnectionPool();
    OkHttpClient http = new OkHttpClient.Builder().connectionPool(pool).build();

    try (AuthentikClient client = builder().httpClient(http).build()) {
      CompletableFuture<List<Integer>> seenOnCompletion = client.oauth2().oauth2RefreshTokensRetrieveAsync(42)
          .handle((value, error) -> List.of(pool.connectionCount(), pool.idleConnectionCount()));
      attached.countDown();

      List<Integer> counts = seenOnCompletion.get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertEquals(counts.get(0), counts.get(1), "connections, idle connections: no call holds one any more");
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  /** Latches on the events of the HTTP calls. */
  private static final class CallEvents extends EventListener {
    final CountDownLatch canceled = new CountDownLatch(1);
    final CountDownLatch failed = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void canceled(Call call) {
      canceled.countDown();
    }

    @Override
    public void callFailed(Call call, IOException e) {
      failed.countDown();
    }

    @Override
    public void callEnd(Call call) {
      ended.countDown();
    }
  }
}
