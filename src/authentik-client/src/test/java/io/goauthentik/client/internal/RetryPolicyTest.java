package io.goauthentik.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry decision and the wait before each retry, computed without a clock or sleeping: the
 * jitter's random number is injected, so every delay is exact.
 */
class RetryPolicyTest {
  private static final long MS = 1_000_000L;
  private static final long PLENTY = Duration.ofMinutes(5).toNanos();
  private static final long NO_RETRY_AFTER = -1;

  /** Just below 1: the jitter draws its largest value, so the delay shows the backoff ceiling. */
  private static final double TOP = Math.nextDown(1.0);

  @Test
  void backoffCeilingDoublesWithEachRetryAndStopsAtTheMaximum() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), () -> TOP);

    long[] expected = {100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000};
    for (int attempt = 1; attempt <= expected.length; attempt++) {
      long delay = delay(policy, attempt, 503, NO_RETRY_AFTER, PLENTY);
      // (long) (TOP * ceiling) is the ceiling or one nanosecond below it.
      assertTrue(expected[attempt - 1] * MS - delay <= 1, "attempt " + attempt + ": " + delay);
    }
  }

  @Test
  void ceilingDoesNotOverflowAfterManyRetries() {
    RetryPolicy policy = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

    for (int attempt : new int[] {31, 32, 63, 64, 1000, Integer.MAX_VALUE}) {
      assertEquals(Duration.ofSeconds(15).toNanos(), delay(policy, attempt, 503, NO_RETRY_AFTER, PLENTY),
          "attempt " + attempt);
    }
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    // Full jitter: the delay is random * ceiling, anywhere from 0 up to the ceiling.
    assertEquals(0, delay(jitter(0.0), 2, 503, NO_RETRY_AFTER, PLENTY));
    assertEquals(200 * MS, delay(jitter(0.25), 2, 503, NO_RETRY_AFTER, PLENTY),
        "a quarter of the second retry's 800 ms ceiling");
    assertEquals(600 * MS, delay(jitter(0.75), 2, 503, NO_RETRY_AFTER, PLENTY));
  }

  @Test
  void jitterWithTheRealRandomStaysBelowTheCeiling() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10));
    for (int i = 0; i < 1000; i++) {
      long delay = delay(policy, 3, 503, NO_RETRY_AFTER, PLENTY);
      assertTrue(delay >= 0 && delay < 400 * MS, "third retry ceiling is 400 ms: " + delay);
    }
  }

  @Test
  void zeroBaseDelayRetriesAtOnce() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(10), () -> TOP);

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertEquals(0, delay(policy, attempt, 503, NO_RETRY_AFTER, PLENTY), "attempt " + attempt);
    }
  }

  @Test
  void retryAfterWithinTheMaximumIsHonouredExactlyWithoutJitter() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);

    assertEquals(Duration.ofSeconds(3).toNanos(), delay(policy, 1, 429, Duration.ofSeconds(3).toNanos(), PLENTY));
    assertEquals(Duration.ofSeconds(10).toNanos(), delay(policy, 1, 429, Duration.ofSeconds(10).toNanos(), PLENTY),
        "exactly the maximum is still honoured");
    assertEquals(0, delay(policy, 1, 503, 0, PLENTY), "Retry-After: 0 means now");
  }

  @Test
  void retryAfterLongerThanTheMaximumEndsTheCall() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);

    assertEquals(-1, delay(policy, 1, 429, Duration.ofSeconds(10).toNanos() + 1, PLENTY));
    assertEquals(-1, delay(policy, 1, 503, Duration.ofHours(1).toNanos(), PLENTY));
    assertEquals(-1, delay(policy, 1, 429, Long.MAX_VALUE, PLENTY));
  }

  @Test
  void attemptsExhaustedAfterMaxRetries() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(10), () -> 0.5);

    assertTrue(delay(policy, 1, 503, NO_RETRY_AFTER, PLENTY) >= 0);
    assertTrue(delay(policy, 2, 503, NO_RETRY_AFTER, PLENTY) >= 0);
    assertEquals(-1, delay(policy, 3, 503, NO_RETRY_AFTER, PLENTY), "three attempts = two retries");
    assertEquals(-1, delay(policy, 3, 429, 0, PLENTY), "a Retry-After does not add attempts");
  }

  @Test
  void zeroMaxRetriesNeverRetries() {
    RetryPolicy policy = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(10), () -> 0.5);

    assertEquals(-1, delay(policy, 1, 503, NO_RETRY_AFTER, PLENTY));
    assertEquals(-1, delay(policy, 1, 0, NO_RETRY_AFTER, PLENTY));
  }

  @Test
  void remainingBudgetTooSmallForTheWaitEndsTheCall() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.5);

    assertEquals(50 * MS, delay(policy, 1, 503, NO_RETRY_AFTER, 51 * MS));
    assertEquals(-1, delay(policy, 1, 503, NO_RETRY_AFTER, 50 * MS), "the wait would use the whole budget");
    assertEquals(-1, delay(policy, 1, 503, NO_RETRY_AFTER, 0));
    assertEquals(-1, delay(policy, 1, 0, NO_RETRY_AFTER, -5 * MS), "budget already spent");
    assertEquals(-1, delay(policy, 1, 429, Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(1).toNanos()),
        "Retry-After beyond the budget");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 408, 429, 502, 503, 504})
  void retryableStatuses(int status) {
    assertTrue(RetryPolicy.isRetryable(failure(status)));
    assertTrue(delay(quick(), 1, status, NO_RETRY_AFTER, PLENTY) >= 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 301, 400, 401, 403, 404, 405, 409, 418, 422, 500, 501, 505, 599})
  void otherStatusesAreNeverRetried(int status) {
    assertFalse(RetryPolicy.isRetryable(failure(status)));
    assertEquals(-1, delay(quick(), 1, status, NO_RETRY_AFTER, PLENTY));
    assertEquals(-1, delay(quick(), 1, status, 0, PLENTY), "a Retry-After does not make a status retryable");
  }

  @Test
  void onlyIdempotentMethodsAreRetried() {
    for (String method : new String[] {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}) {
      assertTrue(RetryPolicy.isIdempotent(method), method);
    }
    for (String method : new String[] {"POST", "PATCH"}) {
      assertFalse(RetryPolicy.isIdempotent(method), method);
    }
  }

  @Test
  void failuresThatWouldComeAgainAreNotRetried() {
    RetryPolicy policy = quick();

    assertTrue(policy.delayNanos("GET", 1, transport(new IOException("unexpected end of stream")), null, PLENTY) >= 0);
    assertTrue(policy.delayNanos("GET", 1, transport(new SocketTimeoutException()), null, PLENTY) >= 0);
    assertTrue(policy.delayNanos("GET", 1, transport(new SSLHandshakeException("handshake reset")), null, PLENTY) >= 0,
        "a handshake cut short may go through next time");
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new CertificateException("unable to find valid certification path"));
    for (IOException e : List.of(new ProtocolException("Unexpected status line"), untrusted,
        new SSLPeerUnverifiedException("Hostname not verified"), new InterruptedIOException("timeout"))) {
      assertEquals(-1, policy.delayNanos("GET", 1, transport(e), null, PLENTY), e.toString());
    }
  }

  @Test
  void ofSeveralRetryAfterHeadersTheLongestWins() {
    Headers headers = new Headers.Builder().add("Retry-After", "2").add("Retry-After", "7").add("Retry-After", "junk")
        .add("Retry-After", "3").build();

    assertEquals(Duration.ofSeconds(7), RetryPolicy.retryAfter(headers));
    assertNull(RetryPolicy.retryAfter(Headers.of("Retry-After", "-1")));
    assertNull(RetryPolicy.retryAfter(Headers.of()));
    assertEquals(Duration.ZERO, RetryPolicy.retryAfter(Headers.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")),
        "a date in the past means now");
  }

  private static RetryPolicy quick() {
    return new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(10), () -> 0.5);
  }

  private static RetryPolicy jitter(double random) {
    return new RetryPolicy(2, Duration.ofMillis(400), Duration.ofSeconds(10), () -> random);
  }

  /** The wait after attempt {@code attempt} of a GET that ended in {@code status} (0: no response). */
  private static long delay(RetryPolicy policy, int attempt, int status, long retryAfterNanos, long remaining) {
    Duration retryAfter = retryAfterNanos < 0 ? null : Duration.ofNanos(retryAfterNanos);
    return policy.delayNanos("GET", attempt, failure(status), retryAfter, remaining);
  }

  private static ApiException failure(int status) {
    return status == 0 ? transport(new IOException("connection reset"))
        : new ApiException("GET /: " + status, status, Map.of(), null, null);
  }

  private static TransportException transport(IOException cause) {
    return new TransportException("GET /: failed", cause);
  }
}
