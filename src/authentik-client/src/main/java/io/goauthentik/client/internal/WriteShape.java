package io.goauthentik.client.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.goauthentik.client.AuthentikRelease;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One property of a request body that older releases take in another shape (x-write-shapes), and how
 * its newest shape is written in the older one. A value the older shape cannot hold is an
 * {@link IllegalArgumentException} naming the property and the release, before anything is sent.
 */
final class WriteShape {
  /** What Python's {@code re} reads as syntax; escaped, a URL matches only itself. */
  private static final Pattern REGEX_SYNTAX = Pattern.compile("[\\\\.^$*+?{}\\[\\]|()]");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("0|-?[1-9][0-9]{0,17}");
  /** authentik's duration units ({@code timedelta_string_validator}), in seconds. */
  private static final Map<String, BigDecimal> SECONDS = Map.of(
      "weeks", BigDecimal.valueOf(604800), "days", BigDecimal.valueOf(86400), "hours", BigDecimal.valueOf(3600),
      "minutes", BigDecimal.valueOf(60), "seconds", BigDecimal.ONE,
      "milliseconds", new BigDecimal("0.001"), "microseconds", new BigDecimal("0.000001"));

  private final String property;
  private final String sentAs;
  private final AuthentikRelease until;
  private final AuthentikRelease since;
  private final String whenProperty;
  private final String whenValue;

  WriteShape(String property, String sentAs, AuthentikRelease until, AuthentikRelease since, String whenProperty,
      String whenValue) {
    if (!sentAs.equals("newline-separated") && !sentAs.equals("integer") && !sentAs.equals("minutes")) {
      throw new IllegalStateException("no way to write " + property + " as " + sentAs); // a generator/runtime mismatch
    }
    this.property = property;
    this.sentAs = sentAs;
    this.until = until;
    this.since = since;
    this.whenProperty = whenProperty;
    this.whenValue = whenValue;
  }

  /** Whether a server of {@code release} takes the older shape: its line is before the newer shape's. */
  boolean appliesTo(AuthentikRelease release) {
    return release.isBeforeLineOf(since);
  }

  /** Rewrites {@code body}'s property, when set, in the older shape. */
  void rewrite(JsonObject body, AuthentikRelease release) {
    if (whenProperty != null) {
      JsonElement tag = body.get(whenProperty);
      if (tag == null || !tag.isJsonPrimitive() || !tag.getAsString().equals(whenValue)) {
        return;
      }
    }
    JsonElement value = body.get(property);
    if (value == null || value.isJsonNull()) {
      return;
    }
    body.add(property, older(value, release));
  }

  private JsonElement older(JsonElement value, AuthentikRelease release) {
    switch (sentAs) {
      case "newline-separated":
        return newlineSeparated(value.getAsJsonArray(), release);
      case "integer":
        return integer(value.getAsString(), release);
      default:
        return minutes(value.getAsString(), release);
    }
  }

  /**
   * Up to 2024.8 authentik takes one string, a URI per line, and admits a redirect URI equal to a line
   * or matching it as a whole regular expression: a regex line goes as it is, a strict URL escaped, so
   * that it matches only itself ({@code .} would match any character). Lines are split at whitespace.
   */
  private JsonPrimitive newlineSeparated(JsonArray uris, AuthentikRelease release) {
    StringBuilder out = new StringBuilder();
    for (JsonElement each : uris) {
      JsonObject uri = each.getAsJsonObject();
      String url = uri.get("url").getAsString();
      if (url.isEmpty() || WHITESPACE.matcher(url).find()) {
        throw refused("a redirect URI that is empty or holds whitespace cannot be one line of the newline-separated "
            + "string it takes", release);
      }
      JsonElement mode = uri.get("matching_mode");
      boolean regex = mode != null && mode.isJsonPrimitive() && mode.getAsString().equals("regex");
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(regex ? url : REGEX_SYNTAX.matcher(url).replaceAll("\\\\$0"));
    }
    return new JsonPrimitive(out.toString());
  }

  private JsonPrimitive integer(String text, AuthentikRelease release) {
    if (!WHOLE_NUMBER.matcher(text).matches()) {
      throw refused("it takes a number, and this value is not a whole number without leading zeros", release);
    }
    return new JsonPrimitive(new BigInteger(text));
  }

  /** {@code hours=1;minutes=30} (or {@code ,}-separated, or a number of minutes) as whole minutes. */
  private JsonPrimitive minutes(String text, AuthentikRelease release) {
    if (WHOLE_NUMBER.matcher(text.trim()).matches()) {
      return integer(text.trim(), release);
    }
    BigDecimal seconds = BigDecimal.ZERO;
    for (String pair : text.split("[;,]")) {
      String[] kv = pair.split("=", 2);
      BigDecimal unit = kv.length == 2 ? SECONDS.get(kv[0].trim().toLowerCase(Locale.ROOT)) : null;
      if (unit == null) {
        throw refused("it takes whole minutes, and this is not a duration like hours=1;minutes=30", release);
      }
      try {
        seconds = seconds.add(new BigDecimal(kv[1].trim()).multiply(unit));
      } catch (NumberFormatException e) {
        throw refused("it takes whole minutes, and this is not a duration like hours=1;minutes=30", release);
      }
    }
    BigDecimal[] minutes = seconds.divideAndRemainder(BigDecimal.valueOf(60));
    if (minutes[1].signum() != 0 || minutes[0].abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw refused("it takes whole minutes (up to " + Integer.MAX_VALUE + "), and this duration is not", release);
    }
    return new JsonPrimitive(minutes[0].toBigInteger());
  }

  private IllegalArgumentException refused(String why, AuthentikRelease release) {
    return new IllegalArgumentException(property + " cannot be sent to authentik " + release + " (the server's "
        + "release; releases up to " + until + " take the older shape): " + why);
  }
}
