package io.goauthentik.client.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the API token and control characters out of everything the SDK prints or hands over: the
 * server's text in exception messages, kept error bodies and headers, log lines, and the messages
 * of the I/O exceptions it wraps. A server or proxy may echo a request's credentials back, and a
 * control character in a message could forge a log line.
 */
public final class Redactor {
  static final String MASK = "****";
  private static final int MAX_TEXT_CHARS = 200;

  private final String token;

  /** @param token the API token to mask wherever it appears */
  public Redactor(String token) {
    this.token = token;
  }

  /** {@code text} with every occurrence of the token replaced by {@code ****}; {@code null} stays {@code null}. */
  public String mask(String text) {
    return text == null || text.indexOf(token) < 0 ? text : text.replace(token, MASK);
  }

  /** Response headers as an exception keeps them (lower-case names), with the token masked in every value. */
  Map<String, List<String>> mask(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>(headers.size());
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      List<String> values = new ArrayList<>(header.getValue().size());
      for (String value : header.getValue()) {
        values.add(mask(value));
      }
      out.put(header.getKey(), List.copyOf(values));
    }
    return out;
  }

  /**
   * The server's text as a message may show it: the token masked, control characters and runs of
   * white space folded into one space, at most 200 characters.
   */
  String clean(String text) {
    String masked = mask(text);
    StringBuilder out = new StringBuilder(Math.min(masked.length(), MAX_TEXT_CHARS + 1));
    boolean space = false;
    for (int i = 0; i < masked.length() && out.length() < MAX_TEXT_CHARS; i++) {
      char c = masked.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.length() >= MAX_TEXT_CHARS ? out.append('…').toString() : out.toString();
  }

  /** {@code value} with the token masked and each control character replaced by {@code ?}. */
  String printable(String value) {
    String masked = mask(value);
    StringBuilder out = null;
    for (int i = 0; i < masked.length(); i++) {
      if (Character.isISOControl(masked.charAt(i))) {
        if (out == null) {
          out = new StringBuilder(masked);
        }
        out.setCharAt(i, '?');
      }
    }
    return out == null ? masked : out.toString();
  }

  /**
   * {@code failure} itself when no message in its cause chain holds the token or a control
   * character; otherwise a copy of the chain with those messages made {@link #printable} (same
   * classes where they can be rebuilt from a message, same stack traces). Library code such as
   * OkHttp quotes what a server sent: a garbage status line echoing the {@code Authorization}
   * header, for one.
   */
  Throwable scrub(Throwable failure) {
    return isPrintable(failure) ? failure : copy(failure);
  }

  private boolean isPrintable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message != null && !printable(message).equals(message)) {
        return false;
      }
    }
    return true;
  }

  private Throwable copy(Throwable failure) {
    String message = failure.getMessage() == null ? null : printable(failure.getMessage());
    Throwable copy;
    try {
      copy = failure.getClass().getConstructor(String.class).newInstance(message);
    } catch (ReflectiveOperationException | RuntimeException e) {
      copy = new IOException(failure.getClass().getName() + ": " + message);
    }
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(scrub(cause));
    }
    return copy;
  }
}
