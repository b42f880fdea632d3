package io.goauthentik.client;

import io.goauthentik.client.model.GenericError;
import java.util.List;
import java.util.Map;

/** What the exceptions whose body is a {@link GenericError} (401, 403, 404) have in common. */
abstract class GenericErrorException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final transient GenericError genericError;

  GenericErrorException(String message, int code, Map<String, List<String>> responseHeaders, String responseBody,
      GenericError genericError) {
    super(message, code, responseHeaders, responseBody, null);
    this.genericError = genericError;
  }

  /**
   * The decoded body: {@code detail} and, rarely, {@code code}.
   *
   * @return the body, or {@code null} when it was not JSON
   */
  public GenericError getGenericError() {
    return genericError;
  }
}
