package io.goauthentik.client.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the {@code AuthentikClient} bean, under {@code authentik.*}; each one maps to the
 * builder setting of the same name. Unset settings keep the builder's defaults.
 */
@ConfigurationProperties("authentik")
public class AuthentikProperties {
  /** The authentik server's URL, such as https://auth.example.com; /api/v3 is appended. The client bean exists only when this is set. */
  private String url;

  /** The API token, sent as a Bearer token; never logged or shown. */
  private String token;

  /** Budget of a whole call: every attempt and every wait between them (builder default 60s; 0 for none). */
  private Duration callTimeout;

  /** Time to open a connection (builder default 10s). */
  private Duration connectTimeout;

  /** Longest silence while waiting for response bytes (builder default 30s). */
  private Duration readTimeout;

  /** How many times a failed idempotent request is tried again (builder default 2; 0 turns retrying off). */
  private Integer maxRetries;

  /** Backoff ceiling of the first retry, doubling with each further one (builder default 500ms). */
  private Duration retryBaseDelay;

  /** The longest wait before a retry (builder default 10s). */
  private Duration retryMaxDelay;

  /** Whether to log each HTTP exchange to the io.goauthentik.client.http logger, credentials redacted. */
  private boolean httpLogging;

  /**
   * The authentik release the server runs, such as 2025.10.4, when you know it: the client then never
   * asks the server (by default it asks GET /admin/version/ once, when a call first needs it).
   */
  private String release;

  /**
   * The server's URL.
   *
   * @return such as {@code https://auth.example.com}, or null
   */
  public String getUrl() {
    return url;
  }

  /**
   * Sets the server's URL.
   *
   * @param url such as {@code https://auth.example.com}
   */
  public void setUrl(String url) {
    this.url = url;
  }

  /**
   * The API token.
   *
   * @return the token, or null
   */
  public String getToken() {
    return token;
  }

  /**
   * Sets the API token.
   *
   * @param token an authentik API token
   */
  public void setToken(String token) {
    this.token = token;
  }

  /**
   * The budget of a whole call.
   *
   * @return the budget, or null for the builder's default
   */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets the budget of a whole call.
   *
   * @param callTimeout zero for none
   */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout, or null for the builder's default
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the connect timeout.
   *
   * @param connectTimeout zero for none
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * The read timeout.
   *
   * @return the timeout, or null for the builder's default
   */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /**
   * Sets the read timeout.
   *
   * @param readTimeout zero for none
   */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /**
   * How many times a failed idempotent request is tried again.
   *
   * @return the count, or null for the builder's default
   */
  public Integer getMaxRetries() {
    return maxRetries;
  }

  /**
   * Sets how many times a failed idempotent request is tried again.
   *
   * @param maxRetries 0 or more
   */
  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * The backoff ceiling of the first retry.
   *
   * @return the delay, or null for the builder's default
   */
  public Duration getRetryBaseDelay() {
    return retryBaseDelay;
  }

  /**
   * Sets the backoff ceiling of the first retry.
   *
   * @param retryBaseDelay the delay
   */
  public void setRetryBaseDelay(Duration retryBaseDelay) {
    this.retryBaseDelay = retryBaseDelay;
  }

  /**
   * The longest wait before a retry.
   *
   * @return the delay, or null for the builder's default
   */
  public Duration getRetryMaxDelay() {
    return retryMaxDelay;
  }

  /**
   * Sets the longest wait before a retry.
   *
   * @param retryMaxDelay the delay
   */
  public void setRetryMaxDelay(Duration retryMaxDelay) {
    this.retryMaxDelay = retryMaxDelay;
  }

  /**
   * Whether HTTP exchanges are logged.
   *
   * @return true to log
   */
  public boolean isHttpLogging() {
    return httpLogging;
  }

  /**
   * Sets whether HTTP exchanges are logged.
   *
   * @param httpLogging true to log
   */
  public void setHttpLogging(boolean httpLogging) {
    this.httpLogging = httpLogging;
  }

  /**
   * The server's release, when pinned.
   *
   * @return such as {@code 2025.10.4}, or null to ask the server
   */
  public String getRelease() {
    return release;
  }

  /**
   * Pins the server's release.
   *
   * @param release such as {@code 2025.10.4}
   */
  public void setRelease(String release) {
    this.release = release;
  }

  /** Shows the URL and whether a token is set, never the token. */
  @Override
  public String toString() {
    return "AuthentikProperties{url=" + url + ", token=" + (token == null ? "null" : "****") + "}";
  }
}
