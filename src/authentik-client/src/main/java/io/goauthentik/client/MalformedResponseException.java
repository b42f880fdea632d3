package io.goauthentik.client;

import java.util.List;
import java.util.Map;

/**
 * A successful (2xx) response whose body is empty, not JSON, or not the expected shape. The body
 * is not kept and the message names only where decoding stopped (a JSON path): a 2xx body may
 * hold secrets.
 */
public class MalformedResponseException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param code the HTTP status of the response
   * @param responseHeaders the response headers
   */
  public MalformedResponseException(String message, int code, Map<String, List<String>> responseHeaders) {
    super(message, code, responseHeaders, null, null);
  }
}
