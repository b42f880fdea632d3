package io.goauthentik.client;

import io.goauthentik.client.model.GenericError;
import java.util.List;
import java.util.Map;

/** HTTP 404: no such object, or it belongs to another user and the token's user is not a superuser. */
public class NotFoundException extends GenericErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param responseHeaders the response headers
   * @param responseBody the start of the response body
   * @param genericError the decoded body, or {@code null} when it was not JSON
   */
  public NotFoundException(String message, Map<String, List<String>> responseHeaders, String responseBody,
      GenericError genericError) {
    super(message, 404, responseHeaders, responseBody, genericError);
  }
}
