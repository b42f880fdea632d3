package io.goauthentik.client.internal;

import java.io.IOException;

/**
 * A failure below a property whose names the body chose (a free-form object, a map, an unknown
 * property): {@link #safePath()} stops at that property, so no such name reaches a message.
 */
public final class BodyChosenNamesException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String safePath;

  BodyChosenNamesException(String safePath, Throwable cause) {
    // Nested boundaries: the outermost path wins, the innermost failure is the one named.
    super(cause instanceof BodyChosenNamesException ? cause.getMessage() : cause.getClass().getSimpleName(), cause);
    this.safePath = safePath;
  }

  /** Where decoding stopped: the property that holds body-chosen names, then "…" for what is below it. */
  public String safePath() {
    return safePath + "…";
  }

  /** The type of the failure below. */
  public String failure() {
    return getMessage();
  }
}
