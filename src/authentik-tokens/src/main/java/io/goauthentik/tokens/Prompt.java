package io.goauthentik.tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Locale;

/** Asks a person at the terminal to confirm a destructive command: the question on stderr, the answer from stdin. */
final class Prompt {
  private Prompt() {
  }

  /**
   * Asks {@code question} and reads one line.
   *
   * @return whether the answer was {@code y} or {@code yes} (any case); end of input is a no
   */
  static boolean confirm(Io io, String question) {
    io.err.print(question + " [y/N] ");
    io.err.flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(io.in, Charset.defaultCharset())).readLine();
      if (answer == null) {
        io.err.println();
        return false;
      }
      answer = answer.strip().toLowerCase(Locale.ROOT);
      return answer.equals("y") || answer.equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
