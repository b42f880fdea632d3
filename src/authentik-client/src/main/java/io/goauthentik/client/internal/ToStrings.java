package io.goauthentik.client.internal;

import java.util.List;
import java.util.Map;

/**
 * What generated models' {@code toString()} calls: every property by name, except that secrets show
 * only whether they are set and free-form values only their size.
 */
public final class ToStrings {
  private ToStrings() {
  }

  /** Appends {@code name=shown} to a {@code toString()} under way ({@code "Model{"...}). */
  public static void show(StringBuilder out, String name, Object shown) {
    // Every property shown holds a '=': before the first there is none (a value may end with '{').
    out.append(out.indexOf("=") < 0 ? "" : ", ").append(name).append('=').append(shown);
  }

  /**
   * Appends {@code name=shown} to a request model's {@code toString()} when the property was set.
   *
   * @param present the bits of the properties set
   * @param bit the property's bit
   */
  public static void show(StringBuilder out, long present, int bit, String name, Object shown) {
    if ((present & 1L << bit) != 0) {
      show(out, name, shown);
    }
  }

  /** What {@code toString()} shows for a secret: whether it is set, never its value. */
  public static String mask(Object secret) {
    return secret == null ? "null" : "****";
  }

  /**
   * What {@code toString()} shows for a free-form value ({@code attributes}, extra properties):
   * only its size. Admins and servers put anything there, passwords included.
   */
  public static String summary(Object value) {
    if (value instanceof Map) {
      int size = ((Map<?, ?>) value).size();
      return "{" + size + (size == 1 ? " entry}" : " entries}");
    }
    if (value instanceof List) {
      int size = ((List<?>) value).size();
      return "[" + size + (size == 1 ? " item]" : " items]");
    }
    return value == null ? "null" : "(a value)";
  }
}
