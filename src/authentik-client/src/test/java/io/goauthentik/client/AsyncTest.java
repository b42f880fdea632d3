package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code oauth2RefreshTokensRetrieveAsync}: the same value, exceptions, retries and timeouts as the
 * blocking call, and cancelling the future cancels the HTTP call with no retry after it.
 * Every wait is bounded (future.get with a timeout, latches with a timeout); nothing sleeps.
 */
class AsyncTest {
  private static final String TOKEN = "ak-async-test-token-0c1d2e";
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final long WAIT_SECONDS = 10;

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1))
      .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(8)));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void completesWithTheValue() throws Exception {
    server.enqueue(ok());

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(42, token.getPk());
    assertEquals("akadmin", token.getUser().getUsername());
    assertEquals("Provider for Nextcloud", token.getProvider().getName());
    assertEquals("/api/v3/oauth2/refresh_tokens/42/", server.takeRequest(5, TimeUnit.SECONDS).getTarget());
  }

  @Test
  void errorStatusFailsWithTheSameTypedException() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"detail\": \"No RefreshToken matches the given query.\"}").build());

    NotFoundException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), NotFoundException.class);

    assertEquals(404, e.getCode());
    assertEquals("No RefreshToken matches the given query.", e.getGenericError().getDetail());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 404 No RefreshToken matches the given query.", e.getMessage());
  }

  @Test
  void malformedBodyFailsWithMalformedResponse() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html").body("<html></html>").build());

    MalformedResponseException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42),
        MalformedResponseException.class);

    assertEquals(200, e.getCode());
  }

  @Test
  void connectionRefusedFailsWithTransportExceptionAfterTheRetries() throws IOException {
    String url;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + closed.getLocalPort() + "/";
    }

    AuthentikClient refused = authentik.client(b -> b.baseUrl(url));
    TransportException e = failure(refused.oauth2().oauth2RefreshTokensRetrieveAsync(42), TransportException.class);

    assertEquals(0, e.getCode());
    assertEquals(ConnectException.class, e.getCause().getClass());
    assertTrue(e.getMessage().endsWith("(after 3 attempts)"), e.getMessage());
  }

  @Test
  void retriesThenCompletesWithTheValue() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(ok());

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(42, token.getPk());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void exhaustedRetriesFailWithServerException() {
    always(new MockResponse.Builder().code(503).build());

    ServerException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), ServerException.class);

    assertEquals(503, e.getCode());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 503 Service Unavailable (after 3 attempts)", e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void retryAfterLongerThanTheMaximumFailsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
    server.enqueue(ok());

    RateLimitException e = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), RateLimitException.class);

    assertEquals(Optional.of(Duration.ofHours(1)), e.getRetryAfter());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void serverThatNeverAnswersFailsByTheCallTimeout() {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    AuthentikClient hurried = authentik.client(b -> b.callTimeout(Duration.ofMillis(500)));
    // future.get's own timeout is the generous upper bound; TimeoutException there fails the test.
    TransportException e = failure(hurried.oauth2().oauth2RefreshTokensRetrieveAsync(42), TransportException.class);

    assertTrue(e.getCause() instanceof InterruptedIOException, String.valueOf(e.getCause()));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCallAndNothingIsRetried() throws Exception {
    // Token 42 never gets an answer; token 43 is answered at once.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().contains("/42/")
            ? new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()
            : new MockResponse.Builder().code(200).body(FIXTURE.replaceFirst("\"pk\": 42", "\"pk\": 43")).build();
      }
    });
    CallEvents events = new CallEvents();
    OkHttpClient http = new OkHttpClient.Builder().eventListener(events).build();
    try {
      AuthentikClient watched = authentik.client(b -> b.httpClient(http));
      CompletableFuture<RefreshToken> future = watched.oauth2().oauth2RefreshTokensRetrieveAsync(42);
      RecordedRequest sent = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(sent != null && sent.getTarget().contains("/42/"), "the request reached the server");

      assertTrue(future.cancel(true));

      assertTrue(events.canceled.await(WAIT_SECONDS, TimeUnit.SECONDS), "the HTTP call was cancelled");
      assertTrue(events.failed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the HTTP call ended");
      assertThrows(CancellationException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
      // A retry would be a second call for 42. Make one more call through the same client and
      // check that it is the only other request the server saw.
      assertEquals(43, watched.oauth2().oauth2RefreshTokensRetrieve(43).getPk());
      assertEquals(2, events.started.get(), "calls started: the cancelled one and the one for 43");
      assertEquals(2, server.getRequestCount());
      assertTrue(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS).getTarget().contains("/43/"));
    } finally {
      http.dispatcher().executorService().shutdown();
    }
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
            new MockResponse.Builder().code(200).body(FIXTURE.substring(0, 500)).build()),
        Arguments.of("empty 200", MalformedResponseException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(200).build()),
        Arguments.of("closed before the response", TransportException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()),
        Arguments.of("not HTTP", TransportException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().status("SSH-2.0-OpenSSH_9.6").build()),
        Arguments.of("closed mid-body", TransportException.class, (Supplier<MockResponse>) () ->
            new MockResponse.Builder().code(200).body(FIXTURE).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void completesWithTheSameExceptionAsTheBlockingCall(String fault, Class<? extends ApiException> type,
      Supplier<MockResponse> response) throws Exception {
    always(response.get());

    ApiException blocking = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    int blockingRequests = server.getRequestCount();
    ApiException async = failure(client.oauth2().oauth2RefreshTokensRetrieveAsync(42), type);

    assertEquals(type, blocking.getClass());
    assertEquals(blocking.getMessage(), async.getMessage());
    assertEquals(blocking.getCode(), async.getCode());
    assertEquals(blocking.getResponseBody(), async.getResponseBody());
    assertEquals(blockingRequests, server.getRequestCount() - blockingRequests, "as many attempts");
  }

  @Test
  void cancellingWhileWaitingToRetrySendsNothingMore() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
    server.enqueue(new MockResponse.Builder().code(200).body(FIXTURE).build());
    HeldWaits waits = new HeldWaits();
    CallEvents events = new CallEvents();
    OkHttpClient http = new OkHttpClient.Builder().eventListener(events).build();
    try {
      AuthentikClient client = authentik.client(b -> b.httpClient(http).retryWaits(waits));
      CompletableFuture<RefreshToken> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
      Runnable retry = waits.nextAttempt(); // the 503 arrived; the call pauses before its retry

      future.cancel(true);
      retry.run(); // the pause is over: a retry would be started now, on this thread

      assertTrue(future.isCancelled());
      assertEquals(1, events.started.get(), "no attempt after the pause");
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aCallQueuedBehindTheHostLimitEndsByItsBudgetToo() throws Exception {
    // Five calls of the application's own fill OkHttp's per-host limit on a shared client and never
    // end; the SDK's call waits in the dispatcher's queue. Its budget still ends it.
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    OkHttpClient shared = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(1)).build();
    List<Call> own = new ArrayList<>();
    try {
      for (int i = 0; i < shared.dispatcher().getMaxRequestsPerHost(); i++) {
        Call call = shared.newCall(new okhttp3.Request.Builder().url(server.url("/elsewhere/")).build());
        call.enqueue(new okhttp3.Callback() {
          @Override
          public void onFailure(Call call, IOException e) {
          }

          @Override
          public void onResponse(Call call, okhttp3.Response response) {
            response.close();
          }
        });
        own.add(call);
      }
      AuthentikClient client = authentik.client(b -> b.httpClient(shared).callTimeout(Duration.ofMillis(500)));
      long start = System.nanoTime();
      CompletableFuture<RefreshToken> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
      assertEquals(1, shared.dispatcher().queuedCallsCount(), "the SDK's call waits for a place");

      TransportException e = failure(future, TransportException.class);

      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 3_000, "ended " + millis + " ms after it started, with a 500 ms budget");
      assertTrue(e.getMessage().contains("ran out of its callTimeout"), e.getMessage());
    } finally {
      own.forEach(Call::cancel);
      shared.dispatcher().executorService().shutdown();
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

    try {
      AuthentikClient client = authentik.client(b -> b.httpClient(http));
      CompletableFuture<List<Integer>> seenOnCompletion = client.oauth2().oauth2RefreshTokensRetrieveAsync(42)
          .handle((value, error) -> List.of(pool.connectionCount(), pool.idleConnectionCount()));
      attached.countDown();

      List<Integer> counts = seenOnCompletion.get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertEquals(counts.get(0), counts.get(1), "connections, idle connections: no call holds one any more");
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  /** What OkHttp reports about the calls it runs. */
  private static final class CallEvents extends EventListener {
    final AtomicInteger started = new AtomicInteger();
    final CountDownLatch canceled = new CountDownLatch(1);
    final CountDownLatch failed = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void callEnd(Call call) {
      ended.countDown();
    }

    @Override
    public void callStart(Call call) {
      started.incrementAndGet();
    }

    @Override
    public void canceled(Call call) {
      canceled.countDown();
    }

    @Override
    public void callFailed(Call call, IOException e) {
      failed.countDown();
    }
  }

  /** The exception the future fails with, which must be exactly {@code type}. */
  private static <T extends ApiException> T failure(CompletableFuture<?> future, Class<T> type) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(type, e.getCause().getClass(), () -> "got " + e.getCause());
    assertFalse(future.isCancelled());
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

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(FIXTURE).build();
  }
}
