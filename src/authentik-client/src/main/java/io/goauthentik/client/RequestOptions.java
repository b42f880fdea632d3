package io.goauthentik.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.Headers;

/**
 * Settings for some calls that differ from the client's, without another client or connection
 * pool: a longer budget for one slow list, no retries for a probe, a request id header.
 *
 * <pre>{@code
 * RequestOptions once = RequestOptions.builder().callTimeout(Duration.ofMinutes(5)).maxRetries(0).build();
 * PaginatedRefreshTokenList page = client.oauth2().withOptions(once).oauth2RefreshTokensList().execute();
 * }</pre>
 *
 * <p>A POST or PATCH is never sent twice, unless the caller says it is safe to repeat:
 *
 * <pre>{@code
 * RequestOptions repeatable = RequestOptions.builder().retryNonIdempotent(true).build();
 * client.core().withOptions(repeatable)
 *     .coreUsersPartialUpdate(pk, PatchedUserRequest.builder().isActive(false).build());
 * }</pre>
 *
 * <p>Immutable; what is not set keeps the client's setting.
 */
public final class RequestOptions {
  private final Duration callTimeout;
  private final Integer maxRetries;
  private final boolean retryNonIdempotent;
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.callTimeout = builder.callTimeout;
    this.maxRetries = builder.maxRetries;
    this.retryNonIdempotent = builder.retryNonIdempotent;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  /**
   * A builder with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The budget of each call, retries and waits included.
   *
   * @return the budget, or empty to keep the client's
   */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  /**
   * How many times a failed idempotent request is tried again.
   *
   * @return the count, or empty to keep the client's
   */
  public OptionalInt maxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  /**
   * Whether a POST or PATCH is retried like a GET: set only for calls the caller knows are safe to
   * repeat.
   *
   * @return {@code true} when the caller opted in
   */
  public boolean retryNonIdempotent() {
    return retryNonIdempotent;
  }

  /**
   * Headers sent with each request besides the client's own.
   *
   * @return an unmodifiable map of names to values
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * A builder holding these options, to derive options that differ in some of them.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.callTimeout = callTimeout;
    builder.maxRetries = maxRetries;
    builder.retryNonIdempotent = retryNonIdempotent;
    builder.headers.putAll(headers);
    return builder;
  }

  @Override
  public String toString() {
    // Header values may be credentials of the caller's own: only their names.
    return "RequestOptions{callTimeout=" + callTimeout + ", maxRetries=" + maxRetries
        + (retryNonIdempotent ? ", retryNonIdempotent=true" : "") + ", headers=" + headers.keySet() + "}";
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private Duration callTimeout;
    private Integer maxRetries;
    private boolean retryNonIdempotent;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * The budget of each call: every attempt and every wait between them.
     *
     * @param timeout zero for none; at most {@code Integer.MAX_VALUE} ms (about 24 days)
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = AuthentikClient.Builder.checkDuration(timeout, "callTimeout");
      return this;
    }

    /**
     * How many times a failed idempotent request is tried again.
     *
     * @param maxRetries 0 turns retrying off
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = AuthentikClient.Builder.checkRetries(maxRetries);
      return this;
    }

    /**
     * Retries a POST or PATCH under the same rule and budget as a GET (a lost connection, 408, 429,
     * 502, 503, 504). Without it a POST or PATCH is sent once, whatever happens: the server may have
     * acted on a request whose answer was lost. Opt in only for calls whose repetition changes
     * nothing, such as setting {@code is_active} to false; never for a create.
     *
     * @param retry {@code true} to retry those calls too
     * @return this builder
     */
    public Builder retryNonIdempotent(boolean retry) {
      this.retryNonIdempotent = retry;
      return this;
    }

    /**
     * A header to send with each request, replacing one of the same name set before. The client's
     * {@code Authorization} cannot be replaced: a call with another token needs a client of its own.
     *
     * @param name the header's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for {@code Authorization}, or a name or value that cannot be sent
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException("Authorization is the client's own; build a client with the other token");
      }
      try {
        new Headers.Builder().add(name, value); // fail here, not at the call
      } catch (IllegalArgumentException e) {
        // OkHttp's message quotes the value, which may be a secret: name only the header.
        throw new IllegalArgumentException("header " + name + " has a character that cannot be sent in a header");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
