package io.goauthentik.client.internal;

import io.goauthentik.client.ApiException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;

/**
 * The retry rule, whole: which requests are tried again (idempotent methods), after which failures
 * (no response, 408, 429, 502, 503, 504; never an answer that would come again the same), how long to
 * wait first (the server's {@code Retry-After}, else exponential backoff with full jitter), and
 * within which budget. Pure: no clock, no sleeping.
 */
public final class RetryPolicy {
  private static final Duration LONGEST_NANOS = Duration.ofNanos(Long.MAX_VALUE);

  private final int maxRetries;
  private final long baseDelayNanos;
  private final long maxDelayNanos;
  private final DoubleSupplier random;
  private final boolean everyMethod;

  /**
   * @param maxRetries retries after the first attempt (0 disables retrying)
   * @param baseDelay the backoff ceiling of the first retry; it doubles with each retry
   * @param maxDelay the longest wait before a retry, and the longest {@code Retry-After} honoured
   * @param random uniform numbers in [0, 1), for the jitter
   */
  public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
    this(maxRetries, baseDelay.toNanos(), maxDelay.toNanos(), random, false);
  }

  private RetryPolicy(int maxRetries, long baseDelayNanos, long maxDelayNanos, DoubleSupplier random,
      boolean everyMethod) {
    this.maxRetries = maxRetries;
    this.baseDelayNanos = baseDelayNanos;
    this.maxDelayNanos = maxDelayNanos;
    this.random = random;
    this.everyMethod = everyMethod;
  }

  /** A policy with thread-local random jitter. */
  public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    this(maxRetries, baseDelay, maxDelay, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The same rule with another number of retries. */
  RetryPolicy withMaxRetries(int retries) {
    return new RetryPolicy(retries, baseDelayNanos, maxDelayNanos, random, everyMethod);
  }

  /** The same rule, applied to a POST or PATCH too: the caller vouched that repeating it is safe. */
  RetryPolicy withEveryMethodRetried() {
    return new RetryPolicy(maxRetries, baseDelayNanos, maxDelayNanos, random, true);
  }

  /**
   * The wait before the next attempt, or -1 to give up.
   *
   * @param method the request's method
   * @param attempt the attempt that just failed, from 1
   * @param failure what it ended in
   * @param retryAfter the server's {@code Retry-After}, or {@code null} when it sent none
   * @param remainingNanos time left in the call's budget ({@code Long.MAX_VALUE} for no budget)
   */
  public long delayNanos(String method, int attempt, ApiException failure, Duration retryAfter, long remainingNanos) {
    if (attempt > maxRetries || !(everyMethod || isIdempotent(method)) || !isRetryable(failure)) {
      return -1;
    }
    long delay;
    if (retryAfter != null) {
      // Centuries do not fit in nanoseconds (toNanos() would throw); any such wait is too long anyway.
      long wait = retryAfter.compareTo(LONGEST_NANOS) < 0 ? retryAfter.toNanos() : Long.MAX_VALUE;
      if (wait > maxDelayNanos) {
        return -1; // the server wants a longer pause than we may wait: report it at once
      }
      delay = wait;
    } else {
      delay = (long) (random.getAsDouble() * backoffCeilingNanos(attempt));
    }
    return delay < remainingNanos ? delay : -1;
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

  /** Whether another attempt could end differently. */
  static boolean isRetryable(ApiException failure) {
    int status = failure.getCode();
    if (status != 0) {
      return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
    }
    Throwable cause = failure.getCause();
    // A garbage answer or a redirect loop would come again; so would a certificate the client
    // does not trust; a call cut short by its deadline has no time left.
    return !(cause instanceof ProtocolException
        || cause instanceof SSLPeerUnverifiedException
        || cause instanceof SSLHandshakeException && cause.getCause() instanceof CertificateException
        || cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException));
  }

  /**
   * The wait a response's {@code Retry-After} asks for, in seconds or as an HTTP date; of several,
   * the longest. {@code null} when absent or unreadable.
   */
  public static Duration retryAfter(Headers headers) {
    Duration longest = null;
    for (String value : headers.values("Retry-After")) {
      Duration wait = parseRetryAfter(value);
      if (wait != null && (longest == null || wait.compareTo(longest) > 0)) {
        longest = wait;
      }
    }
    return longest;
  }

  private static Duration parseRetryAfter(String value) {
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      Date date;
      try {
        date = new Headers.Builder().add("Date", value).build().getDate("Date");
      } catch (IllegalArgumentException notAHeaderValue) {
        return null;
      }
      if (date == null) {
        return null;
      }
      Duration wait = Duration.between(Instant.now(), date.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    }
  }

  private long backoffCeilingNanos(int attempt) {
    int shift = Math.min(attempt - 1, 30);
    // Compared before shifting, so the doubling can never overflow; a zero base stays zero.
    return baseDelayNanos > (maxDelayNanos >> shift) ? maxDelayNanos : baseDelayNanos << shift;
  }
}
