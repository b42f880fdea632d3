package io.goauthentik.client;

import io.goauthentik.client.model.GenericError;
import java.util.List;
import java.util.Map;

/** HTTP 403: the token is missing, invalid or expired, or lacks the permission. authentik answers a bad token with 403, not 401. */
public class PermissionDeniedException extends GenericErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param responseHeaders the response headers
   * @param responseBody the start of the response body
   * @param genericError the decoded body, or {@code null} when it was not JSON
   */
  public PermissionDeniedException(String message, Map<String, List<String>> responseHeaders, String responseBody,
      GenericError genericError) {
    super(message, 403, responseHeaders, responseBody, genericError);
  }
}
