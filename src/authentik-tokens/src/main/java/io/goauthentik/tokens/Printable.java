package io.goauthentik.tokens;

import java.util.regex.Pattern;

/**
 * Text from a server made safe to print on a terminal: control characters (C0, DEL and C1, where
 * U+009B starts an escape sequence like ESC [) and the invisible characters that reorder or
 * disguise text (bidi embeddings, overrides, isolates and marks, line and paragraph separators)
 * each become {@code ?}.
 */
final class Printable {
  private static final Pattern UNPRINTABLE = Pattern.compile(
      "[\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]");

  private Printable() {
  }

  static String of(String text) {
    return UNPRINTABLE.matcher(text).replaceAll("?");
  }
}
