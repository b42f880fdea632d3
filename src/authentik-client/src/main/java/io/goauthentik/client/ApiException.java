package io.goauthentik.client;

import java.util.List;
import java.util.Map;

/**
 * The base of every exception this SDK throws for a failed call. Unchecked.
 *
 * <p>The message names the method, the path, the HTTP status and the server's short {@code detail};
 * it never carries the API token, a header or the body of a successful response. Subclasses say
 * what went wrong (see README's exception table); an unexpected status arrives as this class.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, 0 when no response arrived. */
  private final int code;
  private final transient Map<String, List<String>> responseHeaders;
  /** The start of an error response's body, or null. */
  private final String responseBody;

  /**
   * Creates an exception for a response or a failure to get one.
   *
   * @param message what failed, without secrets
   * @param code the HTTP status, or 0 when no response arrived
   * @param responseHeaders the response headers, empty when no response arrived
   * @param responseBody the start of an error response's body, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public ApiException(String message, int code, Map<String, List<String>> responseHeaders,
      String responseBody, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.responseHeaders = responseHeaders != null ? Map.copyOf(responseHeaders) : Map.of();
    this.responseBody = responseBody;
  }

  /**
   * The HTTP status of the response.
   *
   * @return the status code, or 0 when no response arrived
   */
  public int getCode() {
    return code;
  }

  /**
   * The response headers, with the API token masked wherever a value echoed it.
   *
   * @return an unmodifiable map of lower-case names to values, empty when no response arrived
   */
  public Map<String, List<String>> getResponseHeaders() {
    return responseHeaders != null ? responseHeaders : Map.of();
  }

  /**
   * The start of an error response's body, as the server sent it but for the API token, masked
   * wherever it was echoed.
   *
   * @return at most 64 KiB of the body; {@code null} when no response arrived, or for a successful
   *     response whose body could not be read (such a body may hold secrets and is never kept)
   */
  public String getResponseBody() {
    return responseBody;
  }
}
