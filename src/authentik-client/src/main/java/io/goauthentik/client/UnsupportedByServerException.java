package io.goauthentik.client;

import java.util.Map;

/**
 * The server's release certainly lacks the operation: it is older than the last known release without
 * it, or at or after one that dropped it. Thrown before anything is sent; the message names the
 * operation, the server's release and the releases that have the operation. Code 0.
 */
public class UnsupportedByServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The server's release; not serialized (the message names it). */
  private final transient AuthentikRelease serverRelease;

  /**
   * @param message what was not sent, and why
   * @param serverRelease the server's release
   */
  public UnsupportedByServerException(String message, AuthentikRelease serverRelease) {
    super(message, 0, Map.of(), null, null);
    this.serverRelease = serverRelease;
  }

  /**
   * The release the server runs (asked, or given to {@link AuthentikClient.Builder#release(String)}).
   *
   * @return the server's release
   */
  public AuthentikRelease getServerRelease() {
    return serverRelease;
  }
}
