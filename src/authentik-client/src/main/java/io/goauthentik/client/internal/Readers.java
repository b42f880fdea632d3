package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The readers of typed property values that generated {@code fromJson} methods call: scalars, lists
 * and maps, and the shapes older releases sent instead.
 *
 * <p>A scalar reader is named after the Java type the generator gives the property
 * ({@code readInteger}, {@code readUUID}, {@code readOffsetDateTime}, {@code readObject} for any
 * JSON), so the model template needs no case per type. Tolerant of what servers send (null
 * anywhere, numbers and booleans where a string belongs), strict about what a value means
 * ({@code "yes"} is not a boolean). Lists and maps come back unmodifiable, at any depth.
 */
public final class Readers {
  private Readers() {
  }

  /** Consumes a JSON null, if that is what comes next. */
  public static boolean skipNull(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return true;
    }
    return false;
  }

  /** Consumes and returns a string, if that is what comes next; else {@code null}, consuming nothing. */
  public static String readIfString(JsonReader in) throws IOException {
    return in.peek() == JsonToken.STRING ? in.nextString() : null;
  }

  /** A string; a number or boolean is read as its text. */
  public static String readString(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return token == JsonToken.BOOLEAN ? Boolean.toString(in.nextBoolean()) : in.nextString();
  }

  /** An int, also from a numeric string. */
  public static Integer readInteger(JsonReader in) throws IOException {
    return skipNull(in) ? null : in.nextInt();
  }

  /** A long, also from a numeric string. */
  public static Long readLong(JsonReader in) throws IOException {
    return skipNull(in) ? null : in.nextLong();
  }

  /** A double, also from a numeric string. */
  public static Double readDouble(JsonReader in) throws IOException {
    return skipNull(in) ? null : in.nextDouble();
  }

  /**
   * A boolean, bare or quoted. Only {@code true} and {@code false}: a lenient reader would turn
   * {@code "yes"} into {@code false} without a word.
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
    throw new MalformedJsonException("Expected a boolean at " + in.getPath());
  }

  /** A UUID. */
  public static UUID readUUID(JsonReader in) throws IOException {
    return skipNull(in) ? null : UUID.fromString(in.nextString());
  }

  /** An RFC 3339 date-time. */
  public static OffsetDateTime readOffsetDateTime(JsonReader in) throws IOException {
    return skipNull(in) ? null : DateTimes.parse(in.nextString());
  }

  /** Any JSON value (a property the contract leaves untyped), kept as {@link FreeForm} keeps it. */
  public static Object readObject(JsonReader in) throws IOException {
    return FreeForm.readAny(in);
  }

  /** A JSON array, each item read by {@code item}. */
  public static <T> List<T> readList(JsonReader in, ValueReader<T> item) throws IOException {
    if (skipNull(in)) {
      return null;
    }
    List<T> list = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      list.add(item.read(in));
    }
    in.endArray();
    return Collections.unmodifiableList(list);
  }

  /** A JSON object whose values are all read by {@code value}; its keys are data. */
  public static <T> Map<String, T> readMap(JsonReader in, ValueReader<T> value) throws IOException {
    if (skipNull(in)) {
      return null;
    }
    String at = in.getPath();
    try {
      Map<String, T> map = new LinkedHashMap<>();
      in.beginObject();
      while (in.hasNext()) {
        map.put(in.nextName(), value.read(in));
      }
      in.endObject();
      return Collections.unmodifiableMap(map);
    } catch (IOException | RuntimeException e) {
      throw new BodyChosenNamesException(at, e);
    }
  }

  /** A reader of JSON arrays whose items {@code item} reads: for lists inside lists and maps. */
  public static <T> ValueReader<List<T>> listOf(ValueReader<T> item) {
    return in -> readList(in, item);
  }

  /** A reader of JSON objects whose values {@code value} reads: for maps inside lists and maps. */
  public static <T> ValueReader<Map<String, T>> mapOf(ValueReader<T> value) {
    return in -> readMap(in, value);
  }

  /**
   * A JSON array as {@link #readList} reads it, or a single item where older releases sent one
   * object (the contract's {@code x-or-single}): a list of that one item.
   */
  public static <T> List<T> readListOrSingle(JsonReader in, ValueReader<T> item) throws IOException {
    if (in.peek() == JsonToken.BEGIN_OBJECT) {
      return Collections.singletonList(item.read(in));
    }
    return readList(in, item);
  }

  /**
   * A JSON array as {@link #readList} reads it, or one string with an item per line, as servers
   * before authentik 2024.10 sent {@code redirect_uris}: each line is handed to {@code item} as a
   * JSON string.
   */
  public static <T> List<T> readListOrLines(JsonReader in, ValueReader<T> item) throws IOException {
    if (in.peek() != JsonToken.STRING) {
      return readList(in, item);
    }
    List<T> list = new ArrayList<>();
    for (String line : in.nextString().split("\r?\n")) {
      if (!line.isBlank()) {
        list.add(item.read(stringReader(line.strip())));
      }
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * A value, or where older releases sent the whole object it stands for, that object's {@code key}
   * (the contract's {@code x-or-object-key}, such as a connection's {@code source}: its pk).
   */
  public static <T> T readOrKey(JsonReader in, String key, ValueReader<T> value) throws IOException {
    if (in.peek() != JsonToken.BEGIN_OBJECT) {
      return value.read(in);
    }
    T found = null;
    in.beginObject();
    while (in.hasNext()) {
      String name = in.nextName();
      if (name.equals(key)) {
        found = value.read(in);
      } else {
        FreeForm.skipUnknown(in, name);
      }
    }
    in.endObject();
    return found;
  }

  /** A getter's conversion of raw enum strings to constants: an unmodifiable list, {@code null} for {@code null}. */
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

  private static JsonReader stringReader(String value) throws IOException {
    StringWriter json = new StringWriter(value.length() + 2);
    new JsonWriter(json).value(value).close();
    return new JsonReader(new StringReader(json.toString()));
  }
}
