package io.goauthentik.client;

import io.goauthentik.client.model.GenericError;
import java.util.List;
import java.util.Map;

/** HTTP 401: the server did not accept the credentials. authentik itself answers a bad or missing token with 403 ({@link PermissionDeniedException}); a proxy in front of it may send 401. */
public class AuthenticationException extends GenericErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param responseHeaders the response headers
   * @param responseBody the start of the response body
   * @param genericError the decoded body, or {@code null} when it was not JSON
   */
  public AuthenticationException(String message, Map<String, List<String>> responseHeaders, String responseBody,
      GenericError genericError) {
    super(message, 401, responseHeaders, responseBody, genericError);
  }
}
