package io.goauthentik.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry decision and delay, with a fixed "random" so every delay is known exactly; nothing sleeps. */
class RetryPolicyTest {
  private static final long MS = 1_000_000L;
  private static final long PLENTY = Duration.ofMinutes(1).toNanos();

  @Test
  void backoffDoublesPerAttemptScaledByTheJitter() {
    RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.5);

    assertEquals(50 * MS, policy.delayNanos(1, 503, -1, PLENTY));
    assertEquals(100 * MS, policy.delayNanos(2, 503, -1, PLENTY));
    assertEquals(200 * MS, policy.delayNanos(3, 503, -1, PLENTY));
    assertEquals(400 * MS, policy.delayNanos(4, 503, -1, PLENTY));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    Duration base = Duration.ofMillis(100);
    assertEquals(0, new RetryPolicy(2, base, Duration.ofSeconds(10), () -> 0.0).delayNanos(2, 503, -1, PLENTY));
    long almostOne = new RetryPolicy(2, base, Duration.ofSeconds(10), () -> 0.999).delayNanos(2, 503, -1, PLENTY);
    assertEquals(199_800_000L, almostOne, "just under the second attempt's ceiling of 200 ms");
  }

  @Test
  void ceilingStopsAtTheMaximumDelay() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(300), () -> 0.5);

    assertEquals(100 * MS, policy.delayNanos(2, 503, -1, PLENTY));
    assertEquals(150 * MS, policy.delayNanos(3, 503, -1, PLENTY), "400 ms capped at 300 ms, times 0.5");
    assertEquals(150 * MS, policy.delayNanos(10, 503, -1, PLENTY));
  }

  @Test
  void manyAttemptsDoNotOverflowIntoANegativeDelay() {
    RetryPolicy policy = new RetryPolicy(Integer.MAX_VALUE, Duration.ofDays(1), Duration.ofDays(3650), () -> 0.5);

    for (int attempt : new int[] {20, 31, 32, 62, 63, 64, 1000, Integer.MAX_VALUE - 1}) {
      long delay = policy.delayNanos(attempt, 503, -1, Long.MAX_VALUE);
      assertEquals(Duration.ofDays(3650).toNanos() / 2, delay, "attempt " + attempt);
    }
  }

  @Test
  void zeroBaseDelayRetriesAtOnce() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(10), () -> 0.5);

    assertEquals(0, policy.delayNanos(1, 503, -1, PLENTY));
    assertEquals(0, policy.delayNanos(3, 0, -1, PLENTY));
  }

  @Test
  void givesUpAfterMaxRetries() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(1), () -> 0.5);

    assertTrue(policy.delayNanos(1, 503, -1, PLENTY) >= 0);
    assertTrue(policy.delayNanos(2, 503, -1, PLENTY) >= 0);
    assertEquals(-1, policy.delayNanos(3, 503, -1, PLENTY));
  }

  @Test
  void zeroMaxRetriesNeverRetries() {
    RetryPolicy policy = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofSeconds(1), () -> 0.5);

    assertEquals(-1, policy.delayNanos(1, 503, -1, PLENTY));
    assertEquals(-1, policy.delayNanos(1, 0, -1, PLENTY));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 429, 502, 503, 504})
  void retriesNoResponseRateLimitAndGatewayErrors(int status) {
    assertTrue(RetryPolicy.isRetryable(status));
    RetryPolicy policy = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1), () -> 0.5);
    assertEquals(5 * MS, policy.delayNanos(1, status, -1, PLENTY));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 301, 400, 401, 403, 404, 405, 409, 418, 422, 500, 501, 505, 599})
  void neverRetriesOtherStatuses(int status) {
    assertFalse(RetryPolicy.isRetryable(status));
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofSeconds(1), () -> 0.5);
    assertEquals(-1, policy.delayNanos(1, status, -1, PLENTY));
    assertEquals(-1, policy.delayNanos(1, status, 0, PLENTY), "not even with a Retry-After");
  }

  @Test
  void retryAfterReplacesTheBackoffUpToTheMaximumDelay() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(5), () -> 0.5);

    assertEquals(0, policy.delayNanos(1, 429, 0, PLENTY));
    assertEquals(Duration.ofSeconds(2).toNanos(), policy.delayNanos(1, 429, Duration.ofSeconds(2).toNanos(), PLENTY));
    assertEquals(Duration.ofSeconds(5).toNanos(), policy.delayNanos(1, 503, Duration.ofSeconds(5).toNanos(), PLENTY),
        "exactly the maximum is still honoured");
  }

  @Test
  void retryAfterLongerThanTheMaximumEndsTheCall() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(5), () -> 0.5);

    assertEquals(-1, policy.delayNanos(1, 429, Duration.ofSeconds(5).toNanos() + 1, PLENTY));
    assertEquals(-1, policy.delayNanos(1, 429, Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  void aDelayThatDoesNotFitTheRemainingBudgetEndsTheCall() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.5);

    assertEquals(50 * MS, policy.delayNanos(1, 503, -1, 51 * MS));
    assertEquals(-1, policy.delayNanos(1, 503, -1, 50 * MS));
    assertEquals(-1, policy.delayNanos(1, 503, -1, 0), "budget spent");
    assertEquals(-1, policy.delayNanos(1, 503, -1, -5 * MS), "budget overspent");
    assertEquals(-1, policy.delayNanos(1, 429, Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(1).toNanos()),
        "a Retry-After beyond the budget");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
  void idempotentMethods(String method) {
    assertTrue(RetryPolicy.isIdempotent(method));
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PATCH", "CONNECT", "get"})
  void nonIdempotentMethods(String method) {
    assertFalse(RetryPolicy.isIdempotent(method));
  }
}
