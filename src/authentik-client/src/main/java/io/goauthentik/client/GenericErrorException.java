package io.goauthentik.client;

import io.goauthentik.client.model.GenericError;
import java.util.List;
import java.util.Map;

/**
 * An error whose body is authentik's {@link GenericError} ({@code {"detail": ..., "code": ...}}):
 * {@link AuthenticationException} (401), {@link PermissionDeniedException} (403) and
 * {@link NotFoundException} (404). Catch it to show the server's {@code detail} whichever of the
 * three it was.
 *
 * <p>Only this SDK makes its subclasses: the constructor is not public.
 */
public abstract class GenericErrorException extends ApiException {
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
