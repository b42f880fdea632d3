package io.goauthentik.client;

import java.util.List;
import java.util.Map;

/** HTTP 5xx: the server, or a proxy in front of it, failed. The body is often HTML from the proxy. */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param code the HTTP status (500 to 599)
   * @param responseHeaders the response headers
   * @param responseBody the start of the response body
   */
  public ServerException(String message, int code, Map<String, List<String>> responseHeaders,
      String responseBody) {
    super(message, code, responseHeaders, responseBody, null);
  }
}
