package io.goauthentik.client.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** A value as the server reads it in a query, a form field or a JSON string. */
public final class WireText {
  private WireText() {
  }

  /**
   * A query parameter's or form field's value as text: a date-time in RFC 3339 (with its seconds,
   * which {@code OffsetDateTime.toString()} leaves out when they are zero), an enum as its wire value.
   *
   * @throws IllegalArgumentException for an enum's {@code UNKNOWN}, which has no wire value
   */
  public static String of(Object value) {
    if (value instanceof OffsetDateTime) {
      return ((OffsetDateTime) value).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (value instanceof Enum) {
      return wire((Enum<?>) value);
    }
    return String.valueOf(value);
  }

  private static String wire(Enum<?> value) {
    // Generated enums print their wire value; UNKNOWN has none.
    String wire = value.toString();
    if (value.name().equals("UNKNOWN") && wire.equals("UNKNOWN")) {
      throw new IllegalArgumentException(value.getClass().getSimpleName()
          + ".UNKNOWN stands for a value this SDK does not know; it cannot be sent");
    }
    return wire;
  }
}
