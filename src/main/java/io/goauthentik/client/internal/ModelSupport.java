package io.goauthentik.client.internal;

import com.google.gson.JsonSyntaxException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Small helpers the generated models call; kept here so the model template stays short. */
public final class ModelSupport {
  private static final String MASK = "****";

  private ModelSupport() {
  }

  /** What {@code toString()} shows for a secret: whether it is set, never its value. */
  public static String mask(Object secret) {
    return secret == null ? "null" : MASK;
  }

  /** Wraps a decoded list so a model stays immutable. */
  public static <T> List<T> readOnly(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(list);
  }

  /** Wraps a decoded map so a model stays immutable. */
  public static <K, V> Map<K, V> readOnly(Map<K, V> map) {
    return map == null ? null : Collections.unmodifiableMap(map);
  }

  /** Converts raw enum strings to constants, keeping {@code null} as {@code null}. */
  public static <T> List<T> mapList(List<String> raw, Function<String, T> convert) {
    if (raw == null) {
      return null;
    }
    List<T> out = new ArrayList<>(raw.size());
    for (String value : raw) {
      out.add(convert.apply(value));
    }
    return Collections.unmodifiableList(out);
  }

  /** Adds one additional property, creating the map on first use. */
  public static Map<String, Object> put(Map<String, Object> map, String name, Object value) {
    Map<String, Object> target = map != null ? map : new LinkedHashMap<>();
    target.put(name, value);
    return target;
  }

  // Direct reads of the common value types, by the same rules as the adapters the shared Gson uses
  // (Gson's built-ins; Json's strict booleans and date-times): the generated adapters call these
  // instead of looking up and dispatching to one TypeAdapter per field.

  /** A string, or null; a boolean or number is read as its text. */
  public static String readString(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return token == JsonToken.BOOLEAN ? Boolean.toString(in.nextBoolean()) : in.nextString();
  }

  /** An int (also from a numeric string), or null. */
  public static Integer readInteger(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextInt();
  }

  /**
   * A boolean, or null. Gson's own adapter reads any string, so {@code "yes"} would silently become
   * {@code false}; this takes only {@code true} and {@code false}, bare or quoted.
   */
  public static Boolean readBoolean(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    if (token != JsonToken.STRING) {
      return in.nextBoolean();
    }
    String text = in.nextString();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw new JsonSyntaxException("Expected a boolean at " + in.getPath());
  }

  /** A UUID, or null. */
  public static UUID readUuid(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return UUID.fromString(in.nextString());
  }

  /** An RFC 3339 date-time, or null. */
  public static OffsetDateTime readDateTime(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return OffsetDateTimeAdapter.INSTANCE.read(in);
  }
}
