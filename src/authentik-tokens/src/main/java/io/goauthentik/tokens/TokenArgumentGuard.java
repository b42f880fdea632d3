package io.goauthentik.tokens;

import java.util.Locale;

/**
 * Refuses an API token written on the command line ({@code --token x}, {@code --token=x}, and the
 * near misses {@code -t x}, {@code --tok x}, {@code --TOKEN x}) before anything is parsed, with a
 * message that says why and never repeats it. It checks every argument, those after {@code --}
 * too, exactly as the parser gets them: the parser expands no {@code @file}.
 */
final class TokenArgumentGuard {
  static final String MESSAGE = "--token is refused: a token on the command line is visible to every user of this "
      + "machine in the process list (ps) and stays in your shell history. Set AUTHENTIK_TOKEN, or pass "
      + "--token-file PATH (or --token-file - to read it from stdin), and revoke the token if you typed it already.";

  private TokenArgumentGuard() {
  }

  /**
   * Checks the arguments.
   *
   * @throws UsageException when an argument, in any case and with or without {@code =value}, is
   *     {@code --token}, an abbreviation of it ({@code --tok}) or {@code -t}
   */
  static void check(String... args) {
    for (String arg : args) {
      String name = arg.toLowerCase(Locale.ROOT);
      int equals = name.indexOf('=');
      if (equals >= 0) {
        name = name.substring(0, equals);
      }
      if (name.startsWith("-t") || name.length() > 2 && "--token".startsWith(name)) { // -t, -tx; --t to --token
        throw new UsageException(MESSAGE);
      }
    }
  }
}
