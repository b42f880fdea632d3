package io.goauthentik.tokens;

/**
 * A usage error found after parsing: missing configuration, an option that does not fit, a
 * destructive command without {@code --yes} where nobody can be asked. Ends the tool with
 * {@link ExitCode#USAGE}, like picocli's own usage errors.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and how to fix it; never a secret
   */
  UsageException(String message) {
    super(message, null, false, false);
  }
}
