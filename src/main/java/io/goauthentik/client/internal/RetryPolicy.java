package io.goauthentik.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a failed attempt is retried and how long to wait first: exponential backoff with
 * full jitter, {@code Retry-After} honoured up to the maximum delay. Pure: no clock, no sleeping.
 */
public final class RetryPolicy {
  private final int maxRetries;
  private final long baseDelayNanos;
  private final long maxDelayNanos;
  private final DoubleSupplier random;

  /**
   * @param maxRetries retries after the first attempt (0 disables retrying)
   * @param baseDelay the backoff ceiling of the first retry; it doubles with each retry
   * @param maxDelay the longest wait before a retry, and the longest {@code Retry-After} honoured
   * @param random uniform numbers in [0, 1), for the jitter
   */
  public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.baseDelayNanos = baseDelay.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
    this.random = random;
  }

  /** A policy with thread-local random jitter. */
  public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    this(maxRetries, baseDelay, maxDelay, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Whether the status (0 for no response) is worth another try of an idempotent request. */
  public static boolean isRetryable(int status) {
    return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** Whether a request with this method may be sent twice without changing the result. */
  public static boolean isIdempotent(String method) {
    switch (method) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
      case "PUT":
      case "DELETE":
        return true;
      default:
        return false;
    }
  }

  /**
   * The wait before the next attempt, or -1 to give up.
   *
   * @param attempt the attempt that just failed, from 1
   * @param status its HTTP status, 0 when no response arrived
   * @param retryAfterNanos the server's {@code Retry-After} in nanoseconds, or -1 when absent
   * @param remainingNanos time left in the call's budget
   */
  public long delayNanos(int attempt, int status, long retryAfterNanos, long remainingNanos) {
    if (attempt > maxRetries || !isRetryable(status)) {
      return -1;
    }
    long delay;
    if (retryAfterNanos >= 0) {
      if (retryAfterNanos > maxDelayNanos) {
        return -1; // the server wants a longer pause than we may wait: report it at once
      }
      delay = retryAfterNanos;
    } else {
      delay = (long) (random.getAsDouble() * backoffCeilingNanos(attempt));
    }
    return delay < remainingNanos ? delay : -1;
  }

  private long backoffCeilingNanos(int attempt) {
    int shift = Math.min(attempt - 1, 30);
    // Compared before shifting, so the doubling can never overflow; a zero base stays zero.
    return baseDelayNanos > (maxDelayNanos >> shift) ? maxDelayNanos : baseDelayNanos << shift;
  }
}
