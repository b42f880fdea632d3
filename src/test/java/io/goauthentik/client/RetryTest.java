package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failures are tried again and how: 429, 502, 503, 504 and failures before a response are;
 * other statuses, a Retry-After beyond the maximum delay and a spent time budget are not.
 */
class RetryTest {
  private static final String TOKEN = "ak-retry-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PREFIX = "GET /api/v3/oauth2/refresh_tokens/42/: ";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Retries with 1 ms backoff, so a test is never slowed down by waiting. */
  private AuthentikClient.Builder builder() {
    return AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .retryBaseDelay(Duration.ofMillis(1)).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10));
  }

  private RefreshToken retrieve(AuthentikClient.Builder builder) {
    try (AuthentikClient client = builder.build()) {
      return client.oauth2().oauth2RefreshTokensRetrieve(42);
    }
  }

  private <T extends ApiException> T retrieveFails(AuthentikClient.Builder builder, Class<T> type) {
    try (AuthentikClient client = builder.build()) {
      ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
      assertEquals(type, e.getClass(), () -> "got " + e);
      return type.cast(e);
    }
  }

  private void enqueue(int status) {
    server.enqueue(new MockResponse.Builder().code(status).build());
  }

  private void enqueueToken() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(BODY).build());
  }

  @Test
  void serviceUnavailableThenSuccessReturnsTheValue() {
    enqueue(503);
    enqueueToken();

    assertEquals(42, retrieve(builder()).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503, 504})
  void retryableStatusIsTriedAgain(int status) {
    enqueue(status);
    enqueue(status);
    enqueueToken();

    assertEquals(42, retrieve(builder()).getPk());
    assertEquals(3, server.getRequestCount(), "two retries by default");
  }

  @Test
  void everyRetryCarriesTheSameRequest() throws Exception {
    enqueue(503);
    enqueue(502);
    enqueueToken();

    retrieve(builder());

    for (int i = 0; i < 3; i++) {
      RecordedRequest request = server.takeRequest();
      assertEquals("GET", request.getMethod());
      assertEquals("/api/v3/oauth2/refresh_tokens/42/", request.getTarget());
      assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    }
  }

  @Test
  void serviceUnavailableForeverReportsTheLastStatusAndTheAttempts() {
    server.setDispatcher(always(new MockResponse.Builder().code(503).body("down for maintenance").build()));

    ServerException e = retrieveFails(builder(), ServerException.class);

    assertEquals(503, e.getCode());
    assertEquals(PREFIX + "503 Service Unavailable (after 3 attempts)", e.getMessage());
    assertEquals("down for maintenance", e.getResponseBody());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void lastStatusIsTheOneReported() {
    enqueue(503);
    enqueue(502);
    enqueue(504);

    ServerException e = retrieveFails(builder(), ServerException.class);

    assertEquals(504, e.getCode());
    assertEquals(PREFIX + "504 Gateway Timeout (after 3 attempts)", e.getMessage());
  }

  @Test
  void maxRetriesSetsTheNumberOfAttempts() {
    server.setDispatcher(always(new MockResponse.Builder().code(502).build()));

    ServerException e = retrieveFails(builder().maxRetries(5), ServerException.class);

    assertEquals(PREFIX + "502 Bad Gateway (after 6 attempts)", e.getMessage());
    assertEquals(6, server.getRequestCount());
  }

  @Test
  void maxRetriesZeroSendsOnce() {
    enqueue(503);
    enqueueToken();

    ServerException e = retrieveFails(builder().maxRetries(0), ServerException.class);

    assertEquals(PREFIX + "503 Service Unavailable", e.getMessage(), "one attempt: no attempt count");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void rateLimitedForeverIsRateLimitExceptionAfterTheRetries() {
    server.setDispatcher(always(new MockResponse.Builder().code(429).build()));

    RateLimitException e = retrieveFails(builder(), RateLimitException.class);

    assertEquals(PREFIX + "429 Too Many Requests (after 3 attempts)", e.getMessage());
    assertEquals(Optional.empty(), e.getRetryAfter());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void retryAfterWithinTheMaximumDelayIsWaitedFor() {
    // The dispatcher notes when each request arrives; the gap shows the wait the server asked for.
    ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        arrivals.add(System.nanoTime());
        return arrivals.size() == 1
            ? new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build()
            : new MockResponse.Builder().code(200).body(BODY).build();
      }
    });

    assertEquals(42, retrieve(builder().retryMaxDelay(Duration.ofSeconds(2))).getPk());

    List<Long> times = List.copyOf(arrivals);
    assertEquals(2, times.size());
    assertTrue(times.get(1) - times.get(0) >= Duration.ofSeconds(1).toNanos(),
        "retried after " + (times.get(1) - times.get(0)) / 1_000_000 + " ms, before the 1 s Retry-After");
  }

  @Test
  void retryAfterZeroRetriesAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    enqueueToken();

    assertEquals(42, retrieve(builder()).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterDateInThePastRetriesAtOnce() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT").build());
    enqueueToken();

    assertEquals(42, retrieve(builder()).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterLongerThanTheMaximumDelayEndsTheCallAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
    enqueueToken();

    RateLimitException e = retrieveFails(builder().retryMaxDelay(Duration.ofSeconds(10)), RateLimitException.class);

    assertEquals(Optional.of(Duration.ofSeconds(120)), e.getRetryAfter());
    assertEquals(PREFIX + "429 Too Many Requests", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryAfterDateBeyondTheMaximumDelayEndsTheCallAtOnce() {
    String inAnHour = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
        .format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inAnHour).build());

    RateLimitException e = retrieveFails(builder(), RateLimitException.class);

    Duration wait = e.getRetryAfter().orElseThrow();
    assertTrue(wait.compareTo(Duration.ofMinutes(59)) > 0 && wait.compareTo(Duration.ofHours(1)) <= 0, wait.toString());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000000000", "9223372036854775807", "Fri, 31 Dec 9999 23:59:59 GMT"})
  void retryAfterTooLargeForNanosecondsIsStillRateLimitException(String retryAfter) {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter).build());

    RateLimitException e = retrieveFails(builder(), RateLimitException.class);

    assertTrue(e.getRetryAfter().orElseThrow().compareTo(Duration.ofDays(365 * 300)) > 0, e.getRetryAfter().toString());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void serviceUnavailableWithRetryAfterBeyondTheMaximumIsNotRetried() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").build());
    enqueueToken();

    ServerException e = retrieveFails(builder(), ServerException.class);

    assertEquals(503, e.getCode());
    assertEquals(List.of("3600"), e.getResponseHeaders().get("retry-after"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryAfterBeyondTheRemainingCallBudgetIsNotWaitedFor() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").build());
    enqueueToken();

    ServerException e = retrieveFails(builder().retryMaxDelay(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(800)),
        ServerException.class);

    assertEquals(PREFIX + "503 Service Unavailable", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 422, 500, 501})
  void otherStatusesAreNeverRetried(int status) {
    enqueue(status);
    enqueueToken();

    ApiException e = assertThrows(ApiException.class, () -> retrieve(builder()));

    assertEquals(status, e.getCode());
    assertEquals(PREFIX + status, e.getMessage().substring(0, PREFIX.length() + 3));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void zeroBaseDelayRetriesAtOnce() {
    enqueue(503);
    enqueueToken();

    // A one-hour maximum must not turn a zero base delay into a long wait that the budget cannot cover.
    RefreshToken token = retrieve(builder().retryBaseDelay(Duration.ZERO).retryMaxDelay(Duration.ofHours(1))
        .callTimeout(Duration.ofSeconds(5)));

    assertEquals(42, token.getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void connectionClosedBeforeTheResponseIsRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    enqueueToken();

    assertEquals(42, retrieve(builder().httpClient(noSilentRetries())).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void connectionClosedBeforeEveryResponseIsTransportExceptionAfterTheRetries() {
    server.setDispatcher(always(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()));

    TransportException e = retrieveFails(builder().httpClient(noSilentRetries()), TransportException.class);

    assertEquals(0, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "failed while sending the request"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(after 3 attempts)"), e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void timeoutBeforeTheResponseIsRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    enqueueToken();

    assertEquals(42, retrieve(builder().readTimeout(Duration.ofMillis(200))).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void connectionRefusedIsRetriedThenTransportException() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String url = closed.url("/").toString();
    closed.close();

    ApiException e = assertThrows(ApiException.class, () -> retrieve(builder().baseUrl(url)));

    assertEquals(TransportException.class, e.getClass());
    assertEquals(PREFIX + "could not connect while sending the request (ConnectException) (after 3 attempts)",
        e.getMessage());
  }

  @Test
  void failureWhileReadingASuccessBodyIsNotRetried() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    enqueueToken();

    TransportException e = retrieveFails(builder(), TransportException.class);

    assertTrue(e.getMessage().startsWith(PREFIX + "failed while reading the response body"), e.getMessage());
    assertNotNull(e.getCause());
    assertEquals(1, server.getRequestCount(), "the server answered: the request may have had its effect");
  }

  /** OkHttp's own silent retry of a failed connection is off, so only the SDK's retries are counted. */
  private static OkHttpClient noSilentRetries() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  }

  private static Dispatcher always(MockResponse response) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    };
  }
}
