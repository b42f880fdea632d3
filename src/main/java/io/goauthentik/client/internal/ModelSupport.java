package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What generated models call at run time: readers of property values, and the helpers of their
 * getters and {@code toString()}.
 *
 * <p>The generated {@code fromJson} methods read each property with one of the {@code read...}
 * methods. A scalar reader is named after the Java type the generator gives the property
 * ({@code readInteger}, {@code readUUID}, {@code readOffsetDateTime}), so the model template needs
 * no case per type.
 *
 * <p>Tolerant of what servers send (null anywhere, numbers and booleans where a string belongs,
 * unknown properties), strict about what a value means ({@code "yes"} is not a boolean). Lists and
 * maps come back unmodifiable, at any depth. A failure inside a free-form object or an unknown
 * property is reported at the path of that property: the keys below it are data from the body.
 */
public final class ModelSupport {
  private ModelSupport() {
  }

  /** Reads one value; what generated {@code fromJson} methods and item readers are. */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * Reads the next value.
     *
     * @param in the stream, positioned at the value
     * @return the value, or {@code null} for JSON null
     * @throws IOException when the stream is not the JSON expected
     */
    T read(JsonReader in) throws IOException;
  }

  /**
   * A failure below a property whose names the body chose (a free-form object, an unknown
   * property): {@link #safePath()} stops at that property, so no such name reaches a message.
   */
  public static final class BodyChosenNamesException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String safePath;

    BodyChosenNamesException(String safePath, Throwable cause) {
      // Nested boundaries: the outermost path wins, the innermost failure is the one named.
      super(cause instanceof BodyChosenNamesException ? cause.getMessage() : cause.getClass().getSimpleName(), cause);
      this.safePath = safePath;
    }

    /** Where decoding stopped: the property that holds body-chosen names, then "…" for what is below it. */
    public String safePath() {
      return safePath + "…";
    }

    /** The type of the failure below. */
    public String failure() {
      return getMessage();
    }
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

  /** A float, also from a numeric string. */
  public static Float readFloat(JsonReader in) throws IOException {
    return skipNull(in) ? null : (float) in.nextDouble();
  }

  /** A number of any size and precision. */
  public static BigDecimal readBigDecimal(JsonReader in) throws IOException {
    return skipNull(in) ? null : new BigDecimal(in.nextString());
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

  /** An ISO 8601 date such as {@code 2026-12-01}. */
  public static LocalDate readLocalDate(JsonReader in) throws IOException {
    if (skipNull(in)) {
      return null;
    }
    try {
      return LocalDate.parse(in.nextString());
    } catch (DateTimeParseException e) {
      throw new MalformedJsonException("Not a date at " + in.getPath());
    }
  }

  /** A JSON array, each item read by {@code item}. */
  public static <T> List<T> readList(JsonReader in, Reader<T> item) throws IOException {
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

  /**
   * A JSON array as {@link #readList} reads it, or one string with an item per line, as servers
   * before authentik 2024.10 sent {@code redirect_uris}: each line is handed to {@code item} as a
   * JSON string.
   */
  public static <T> List<T> readListOrLines(JsonReader in, Reader<T> item) throws IOException {
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

  /** A JSON object whose values are all read by {@code value}; its keys are data. */
  public static <T> Map<String, T> readMap(JsonReader in, Reader<T> value) throws IOException {
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

  /** A free-form object ({@code attributes}): any JSON, kept as maps, lists, strings, numbers, booleans. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readFreeForm(JsonReader in) throws IOException {
    if (skipNull(in)) {
      return null;
    }
    if (in.peek() != JsonToken.BEGIN_OBJECT) {
      throw new MalformedJsonException("Expected an object at " + in.getPath());
    }
    String at = in.getPath();
    try {
      return (Map<String, Object>) any(in);
    } catch (IOException | RuntimeException e) {
      throw new BodyChosenNamesException(at, e);
    }
  }

  /** Any JSON value, as {@link #readFreeForm} keeps it. */
  public static Object readObject(JsonReader in) throws IOException {
    if (skipNull(in)) {
      return null;
    }
    String at = in.getPath();
    try {
      return any(in);
    } catch (IOException | RuntimeException e) {
      throw new BodyChosenNamesException(at, e);
    }
  }

  /**
   * Reads the value of a property beyond the model's named ones into {@code extra}, which it creates
   * on first use.
   *
   * @param name the property's name, just read
   * @return the map holding the property
   */
  public static Map<String, Object> putExtra(Map<String, Object> extra, JsonReader in, String name) throws IOException {
    String at = parentPath(in, name);
    Map<String, Object> map = extra != null ? extra : new LinkedHashMap<>();
    try {
      map.put(name, any(in));
    } catch (IOException | RuntimeException e) {
      throw new BodyChosenNamesException(at, e);
    }
    return map;
  }

  /** The map, unmodifiable; {@code null} stays {@code null}. */
  public static <K, V> Map<K, V> frozen(Map<K, V> map) {
    return map == null ? null : Collections.unmodifiableMap(map);
  }

  /**
   * Skips the value of a property the model does not know (a newer server's addition).
   *
   * @param name the property's name, just read
   */
  public static void skipUnknown(JsonReader in, String name) throws IOException {
    String at = parentPath(in, name);
    try {
      in.skipValue();
    } catch (IOException | RuntimeException e) {
      throw new BodyChosenNamesException(at, e);
    }
  }

  /** The path of the object whose property {@code name} was just read: it names only known properties. */
  private static String parentPath(JsonReader in, String name) {
    String path = in.getPath();
    return path.endsWith("." + name) ? path.substring(0, path.length() - name.length() - 1) : "$";
  }

  private static Object any(JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
          map.put(in.nextName(), any(in));
        }
        in.endObject();
        return Collections.unmodifiableMap(map);
      case BEGIN_ARRAY:
        List<Object> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          list.add(any(in));
        }
        in.endArray();
        return Collections.unmodifiableList(list);
      case STRING:
        return in.nextString();
      case NUMBER:
        return number(in.nextString());
      case BOOLEAN:
        return in.nextBoolean();
      case NULL:
        in.nextNull();
        return null;
      default:
        throw new MalformedJsonException("Unexpected " + in.peek());
    }
  }

  /** Whole numbers as {@code Long} when they fit, other numbers as {@code Double}. */
  private static Object number(String text) {
    if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooLarge) {
        // falls through to a double
      }
    }
    return Double.parseDouble(text);
  }

  private static JsonReader stringReader(String value) throws IOException {
    StringWriter json = new StringWriter(value.length() + 2);
    new JsonWriter(json).value(value).close();
    return new JsonReader(new StringReader(json.toString()));
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

  /** Converts raw enum strings to constants: an unmodifiable list, {@code null} for {@code null}. */
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
}
