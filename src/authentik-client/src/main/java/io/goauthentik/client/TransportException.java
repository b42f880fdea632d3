package io.goauthentik.client;

import java.util.Map;

/**
 * No usable response: the connection failed, was reset or closed, a timeout or the call's budget
 * ran out, the calling thread was interrupted (its interrupt flag stays set), or the client was
 * closed during the call. The code is 0; {@link #getCause()} is the underlying failure, usually an
 * {@link java.io.IOException}.
 */
public class TransportException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without secrets
   * @param cause the underlying failure
   */
  public TransportException(String message, Throwable cause) {
    super(message, 0, Map.of(), null, cause);
  }
}
