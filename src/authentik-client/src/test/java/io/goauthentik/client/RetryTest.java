package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failures are tried again and how often: 429, 502, 503, 504 and failures before a response
 * are retried up to {@code maxRetries} times; every other status is reported at once; a
 * {@code Retry-After} is honoured up to {@code retryMaxDelay}. Retry delays are 1 ms so the tests stay fast.
 */
class RetryTest {
  private static final String TOKEN = "ak-retry-test-token-9f8e7d";
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1))
      .retryMaxDelay(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10)));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();
  private final RecordedWaits waits = new RecordedWaits();
  /** Like {@link #client}, but its waits pass at once and are recorded. */
  private final AuthentikClient recording = authentik.client(b -> b.retryWaits(waits));

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503, 504})
  void retryableStatusThenSuccessReturnsTheValue(int status) {
    server.enqueue(status(status));
    server.enqueue(ok());

    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void twoFailuresThenSuccessSendsTheSameRequestThreeTimes() throws Exception {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(ok());

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(42, token.getPk());
    assertEquals(3, server.getRequestCount());
    for (int i = 0; i < 3; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request);
      assertEquals("GET", request.getMethod());
      assertEquals("/api/v3/oauth2/refresh_tokens/42/", request.getTarget());
      assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    }
  }

  @Test
  void serverErrorForeverEndsAfterTheDefaultTwoRetries() {
    always(status(503));

    ServerException e = assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(ServerException.class, e.getClass());
    assertEquals(503, e.getCode());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 503 Service Unavailable (after 3 attempts)", e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void theLastFailureIsTheOneReported() {
    server.enqueue(status(503));
    server.enqueue(status(502));
    server.enqueue(status(504));

    ServerException e = assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(504, e.getCode());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 504 Gateway Timeout (after 3 attempts)", e.getMessage());
    assertEquals("status 504", e.getResponseBody());
  }

  @Test
  void maxRetriesSetsHowManyTimesAFailureIsTriedAgain() {
    always(status(502));

    AuthentikClient four = authentik.client(b -> b.maxRetries(4));
    ServerException e = assertThrows(ServerException.class, () -> four.oauth2().oauth2RefreshTokensRetrieve(42));
    assertTrue(e.getMessage().endsWith("(after 5 attempts)"), e.getMessage());
    assertEquals(5, server.getRequestCount());
  }

  @Test
  void zeroMaxRetriesSendsOnce() {
    server.enqueue(status(503));
    server.enqueue(ok());

    AuthentikClient once = authentik.client(b -> b.maxRetries(0));
    ServerException e = assertThrows(ServerException.class, () -> once.oauth2().oauth2RefreshTokensRetrieve(42));
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 503 Service Unavailable", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  // 408 is left out on purpose: OkHttp itself sends a request again once after a 408 (see README).
  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 422, 500, 501, 505})
  void otherStatusesAreNotRetried(int status) {
    server.enqueue(status(status));
    server.enqueue(ok());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(status, e.getCode());
    assertFalse(e.getMessage().contains("attempts"), e.getMessage());
    assertEquals(1, server.getRequestCount(), "the 200 behind it is never asked for");
  }

  @Test
  void rateLimitWithoutRetryAfterEndsAfterTheRetries() {
    always(status(429));

    RateLimitException e = assertThrows(RateLimitException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(RateLimitException.class, e.getClass());
    assertEquals(429, e.getCode());
    assertEquals(Optional.empty(), e.getRetryAfter());
    assertTrue(e.getMessage().endsWith("429 Too Many Requests (after 3 attempts)"), e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void retryAfterWithinTheMaximumIsWaitedOutAndRetried() {
    server.enqueue(rateLimited("1"));
    server.enqueue(ok());

    assertEquals(42, recording.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(List.of(Duration.ofSeconds(1)), waits.waits(), "exactly the server's wait, no jitter");
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterAsHttpDateIsHonoured() {
    server.enqueue(rateLimited(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30))));
    server.enqueue(ok());

    AuthentikClient patient = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .retryMaxDelay(Duration.ofSeconds(60)).retryWaits(waits).build();
    try (patient) {
      assertEquals(42, patient.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    }
    // An HTTP date has whole seconds: "now + 30 s" cut down to the second is at most 30 s away, and
    // more than 20 s however slow the machine is between writing the date and reading it.
    Duration wait = waits.waits().get(0);
    assertTrue(wait.compareTo(Duration.ofSeconds(20)) > 0 && wait.compareTo(Duration.ofSeconds(30)) <= 0, wait.toString());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void theDefaultBudgetLeavesRoomForAFiftyNineSecondRetryAfter() {
    server.enqueue(rateLimited("59"));
    server.enqueue(ok());

    AuthentikClient defaults = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .retryMaxDelay(Duration.ofSeconds(60)).retryWaits(waits).build();
    try (defaults) {
      assertEquals(42, defaults.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    }
    assertEquals(List.of(Duration.ofSeconds(59)), waits.waits(), "60 s of budget: a 59 s wait fits");
  }

  @Test
  void aZeroBudgetIsNoBudget() {
    server.enqueue(rateLimited("7200"));
    server.enqueue(ok());

    AuthentikClient unbounded = authentik.client(b -> b.callTimeout(Duration.ZERO).retryMaxDelay(Duration.ofHours(3))
        .retryWaits(waits));
    assertEquals(42, unbounded.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(List.of(Duration.ofHours(2)), waits.waits(), "a two-hour wait, with no budget to end it");
  }

  @Test
  void retryAfterBeyondTheCallBudgetEndsAtOnce() {
    // The jittered backoff (1 ms) would fit the budget; the server's 1 s wait does not, so the
    // wait used is the server's.
    server.enqueue(rateLimited("1"));
    server.enqueue(ok());

    AuthentikClient hurried = authentik.client(b -> b.callTimeout(Duration.ofMillis(500)));
    RateLimitException e = assertThrows(RateLimitException.class,
        () -> hurried.oauth2().oauth2RefreshTokensRetrieve(42));
    assertEquals(RateLimitException.class, e.getClass());
    assertEquals(Optional.of(Duration.ofSeconds(1)), e.getRetryAfter());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryAfterLongerThanTheMaximumDelayEndsAtOnceCarryingIt() {
    server.enqueue(rateLimited("120"));
    server.enqueue(ok());

    RateLimitException e = assertThrows(RateLimitException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(RateLimitException.class, e.getClass());
    assertEquals(Optional.of(Duration.ofSeconds(120)), e.getRetryAfter());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 429 Too Many Requests", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryAfterHttpDateLongerThanTheMaximumDelayEndsAtOnce() {
    server.enqueue(rateLimited(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1))));
    server.enqueue(ok());

    RateLimitException e = assertThrows(RateLimitException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    Duration wait = e.getRetryAfter().orElseThrow();
    assertTrue(wait.compareTo(Duration.ofMinutes(59)) > 0 && wait.compareTo(Duration.ofHours(1)) <= 0, wait.toString());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000000000", "9223372036854775807", "Fri, 31 Dec 9999 23:59:59 GMT"})
  void retryAfterTooLargeForNanosecondsStillEndsAsRateLimit(String retryAfter) {
    server.enqueue(rateLimited(retryAfter));
    server.enqueue(ok());

    RateLimitException e = assertThrows(RateLimitException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(RateLimitException.class, e.getClass());
    assertTrue(e.getRetryAfter().orElseThrow().compareTo(Duration.ofDays(365 * 300)) > 0, e.getRetryAfter().toString());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "Wed, 21 Oct 2015 07:28:00 GMT"})
  void retryAfterZeroOrPastRetriesAtOnce(String retryAfter) {
    server.enqueue(rateLimited(retryAfter));
    server.enqueue(ok());

    assertEquals(42, recording.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(List.of(Duration.ZERO), waits.waits());
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5", "1.5", ""})
  void unreadableRetryAfterIsIgnoredAndTheBackoffUsed(String retryAfter) {
    server.enqueue(new MockResponse.Builder().code(429).addHeaderLenient("Retry-After", retryAfter).build());
    server.enqueue(ok());

    AuthentikClient slowBackoff = authentik.client(b -> b.retryBaseDelay(Duration.ofMillis(300)).retryWaits(waits));
    assertEquals(42, slowBackoff.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    Duration wait = waits.waits().get(0);
    assertTrue(wait.compareTo(Duration.ofMillis(300)) < 0, "a jittered first backoff below its 300 ms ceiling: " + wait);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void ofSeveralRetryAfterHeadersTheLongestIsWaited() {
    // The longest comes first: OkHttp's header() would give the last one.
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").addHeader("Retry-After", "1")
        .build());
    server.enqueue(ok());

    assertEquals(42, recording.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(List.of(Duration.ofSeconds(2)), waits.waits(), "the most conservative of the two");
  }

  @Test
  void serviceUnavailableWithRetryAfterLongerThanTheMaximumEndsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "600").build());
    server.enqueue(ok());

    ServerException e = assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(ServerException.class, e.getClass());
    assertEquals(503, e.getCode());
    assertEquals(List.of("600"), e.getResponseHeaders().get("retry-after"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void connectionClosedBeforeTheResponseIsRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok());

    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void timeoutBeforeTheResponseIsRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(ok());

    AuthentikClient impatient = authentik.client(b -> b.readTimeout(Duration.ofMillis(200)));
    assertEquals(42, impatient.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    assertEquals(2, server.getRequestCount());
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

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain").body("status " + code).build();
  }

  private static MockResponse rateLimited(String retryAfter) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter)
        .addHeader("Content-Type", "application/json").body("{\"detail\": \"Request was throttled.\"}").build();
  }
}
