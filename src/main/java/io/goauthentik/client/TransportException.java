package io.goauthentik.client;

import java.util.Map;

/**
 * No usable response: the connection failed, was reset or closed, or a timeout expired. The code
 * is 0; {@link #getCause()} is the underlying {@link java.io.IOException}.
 */
public class TransportException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param cause the I/O failure
   */
  public TransportException(String message, Throwable cause) {
    super(message, 0, Map.of(), null, cause);
  }
}
