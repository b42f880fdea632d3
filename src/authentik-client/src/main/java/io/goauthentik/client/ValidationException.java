package io.goauthentik.client;

import io.goauthentik.client.model.ValidationError;
import java.util.List;
import java.util.Map;

/** HTTP 400: the server rejected the request's input. */
public class ValidationException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final transient ValidationError validationError;

  /**
   * @param message what failed, without secrets
   * @param responseHeaders the response headers
   * @param responseBody the start of the response body
   * @param validationError the decoded body, or {@code null} when it was not a validation error
   */
  public ValidationException(String message, Map<String, List<String>> responseHeaders,
      String responseBody, ValidationError validationError) {
    super(message, 400, responseHeaders, responseBody, null);
    this.validationError = validationError;
  }

  /**
   * The decoded body: the errors per field and {@code non_field_errors}.
   *
   * @return the body, or {@code null} when it was not JSON
   */
  public ValidationError getValidationError() {
    return validationError;
  }
}
