package io.goauthentik.tokens;

/**
 * Refuses an API token written on the command line ({@code --token x}, {@code --token=x}) before
 * anything is parsed, so that no error message can repeat it.
 */
final class TokenArgumentGuard {
  static final String MESSAGE = "--token is refused: a token on the command line is visible to every user of this "
      + "machine in the process list (ps) and stays in your shell history. Set AUTHENTIK_TOKEN, or pass "
      + "--token-file PATH (or --token-file - to read it from stdin), and revoke the token if you typed it already.";

  private TokenArgumentGuard() {
  }

  /**
   * Checks the arguments; the options after {@code --} are positional values and not checked.
   *
   * @throws UsageException when an argument is {@code --token} or starts with {@code --token=}
   */
  static void check(String... args) {
    for (String arg : args) {
      if ("--".equals(arg)) {
        return;
      }
      if ("--token".equals(arg) || arg.startsWith("--token=")) {
        throw new UsageException(MESSAGE);
      }
    }
  }
}
