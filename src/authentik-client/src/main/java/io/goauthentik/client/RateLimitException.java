package io.goauthentik.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP 429: too many requests. Thrown when the retries are used up, or at once when the server asks
 * for a longer wait than the client's maximum retry delay.
 */
public class RateLimitException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The wait the server asked for, or null. */
  private final Duration retryAfter;

  /**
   * @param message what failed, without secrets
   * @param responseHeaders the response headers
   * @param responseBody the start of the response body
   * @param retryAfter the wait the server asked for, or {@code null} when it sent no valid {@code Retry-After}
   */
  public RateLimitException(String message, Map<String, List<String>> responseHeaders,
      String responseBody, Duration retryAfter) {
    super(message, 429, responseHeaders, responseBody, null);
    this.retryAfter = retryAfter;
  }

  /**
   * The wait the server asked for in {@code Retry-After} (seconds or an HTTP date; of several, the longest).
   *
   * @return the wait, or empty when the server sent no valid {@code Retry-After}
   */
  public Optional<Duration> getRetryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
