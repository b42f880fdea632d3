package io.goauthentik.client.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A path such as {@code /oauth2/refresh_tokens/{id}/}, split once so that expanding it per call is
 * a single pass with percent-encoded values.
 */
public final class PathTemplate {
  private final String operation;
  private final String template;
  private final String[] parts; // literals at even indexes, parameter names at odd ones

  private PathTemplate(String operation, String template, String[] parts) {
    this.operation = operation;
    this.template = template;
    this.parts = parts;
  }

  /** Parses a template with {@code {name}} placeholders. */
  public static PathTemplate of(String template) {
    return of("unknown", template);
  }

  /**
   * Parses the path template of an operation; a request made with it tells a {@link
   * io.goauthentik.client.CallObserver} both.
   *
   * @param operation the operation id of the schema
   * @param template the path with {@code {name}} placeholders
   */
  public static PathTemplate of(String operation, String template) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (true) {
      int open = template.indexOf('{', start);
      if (open < 0) {
        parts.add(template.substring(start));
        return new PathTemplate(operation, template, parts.toArray(new String[0]));
      }
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("Unclosed '{' in path template " + template);
      }
      parts.add(template.substring(start, open));
      parts.add(template.substring(open + 1, close));
      start = close + 1;
    }
  }

  /** The operation id this path belongs to, {@code unknown} when not given. */
  public String operation() {
    return operation;
  }

  /** The template as given, such as {@code /core/users/{id}/}. */
  public String template() {
    return template;
  }

  /**
   * Fills in the parameters.
   *
   * @param namesAndValues parameter names and values, alternating
   * @return the path with every value percent-encoded as one path segment
   */
  public String expand(Object... namesAndValues) {
    StringBuilder out = new StringBuilder(64);
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 0) {
        out.append(parts[i]);
      } else {
        appendSegment(out, String.valueOf(valueOf(parts[i], namesAndValues)));
      }
    }
    return out.toString();
  }

  private static Object valueOf(String name, Object[] namesAndValues) {
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (name.equals(namesAndValues[i])) {
        return namesAndValues[i + 1];
      }
    }
    throw new IllegalArgumentException("No value for path parameter " + name);
  }

  private static void appendSegment(StringBuilder out, String value) {
    if (value.isEmpty() || ".".equals(value) || "..".equals(value)) {
      // An empty or dot segment would silently address another resource.
      throw new IllegalArgumentException("Path parameter must not be empty, '.' or '..': '" + value + "'");
    }
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }
}
