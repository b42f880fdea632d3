package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import io.goauthentik.client.model.RequestModel;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** A reader of JSON arrays whose items {@code item} reads: for lists inside lists and maps. */
  public static <T> Reader<List<T>> listOf(Reader<T> item) {
    return in -> readList(in, item);
  }

  /** A reader of JSON objects whose values {@code value} reads: for maps inside lists and maps. */
  public static <T> Reader<Map<String, T>> mapOf(Reader<T> value) {
    return in -> readMap(in, value);
  }

  /**
   * A JSON array as {@link #readList} reads it, or a single item where older releases sent one
   * object (the contract's {@code x-or-single}): a list of that one item.
   */
  public static <T> List<T> readListOrSingle(JsonReader in, Reader<T> item) throws IOException {
    if (in.peek() == JsonToken.BEGIN_OBJECT) {
      return Collections.singletonList(item.read(in));
    }
    return readList(in, item);
  }

  /**
   * A value, or where older releases sent the whole object it stands for, that object's {@code key}
   * (the contract's {@code x-or-object-key}, such as a connection's {@code source}: its pk).
   */
  public static <T> T readOrKey(JsonReader in, String key, Reader<T> value) throws IOException {
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
        skipUnknown(in, name);
      }
    }
    in.endObject();
    return found;
  }

  /**
   * One variant of a {@code oneOf}, read whole so that its discriminator can pick the model to read
   * it as, wherever in the object the discriminator comes.
   */
  public static final class Variant {
    private final String discriminator;
    private final Map<String, Object> properties;

    private Variant(String discriminator, Map<String, Object> properties) {
      this.discriminator = discriminator;
      this.properties = properties;
    }

    /** The discriminator's value; {@code null} when it is missing or not a string. */
    public String discriminator() {
      return discriminator;
    }

    /** The variant as JSON again, for the reader of the model the discriminator names. */
    public JsonReader reader() throws IOException {
      StringWriter text = new StringWriter();
      try (JsonWriter out = new JsonWriter(text)) {
        out.setSerializeNulls(true);
        write(out, properties);
      }
      return new JsonReader(new StringReader(text.toString()));
    }

    /** Every property as sent: maps, lists, strings, numbers, booleans, as {@link #readFreeForm} keeps them. */
    public Map<String, Object> properties() {
      return properties;
    }
  }

  /**
   * Reads one variant of a {@code oneOf} whose discriminator is the property {@code discriminator}.
   *
   * @return the variant, or {@code null} for JSON null
   */
  public static Variant readVariant(JsonReader in, String discriminator) throws IOException {
    Map<String, Object> properties = readFreeForm(in);
    if (properties == null) {
      return null;
    }
    Object value = properties.get(discriminator);
    return new Variant(value instanceof String ? (String) value : null, properties);
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

  /**
   * A query parameter's value as text: a date-time in RFC 3339 (with its seconds, which
   * {@code OffsetDateTime.toString()} leaves out when they are zero), an enum as its wire value.
   *
   * @throws IllegalArgumentException for an enum's {@code UNKNOWN}, which has no wire value
   */
  public static String text(Object value) {
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

  /**
   * Writes a value of a request model's property: a string, number, boolean, UUID, date, date-time,
   * enum (its wire value), request model, list or map of these, or {@code null}.
   *
   * @throws IllegalArgumentException for an enum's {@code UNKNOWN}, which has no wire value, or a
   *     value of another type
   */
  public static void write(JsonWriter out, Object value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof String) {
      out.value((String) value);
    } else if (value instanceof Boolean) {
      out.value((Boolean) value);
    } else if (value instanceof Number) {
      out.value((Number) value);
    } else if (value instanceof RequestModel) {
      ((RequestModel) value).writeTo(out);
    } else if (value instanceof Enum) {
      out.value(wire((Enum<?>) value));
    } else if (value instanceof UUID || value instanceof LocalDate) {
      out.value(value.toString());
    } else if (value instanceof OffsetDateTime) {
      out.value(((OffsetDateTime) value).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    } else if (value instanceof Map) {
      out.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.name(String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.endObject();
    } else if (value instanceof Iterable) {
      out.beginArray();
      for (Object item : (Iterable<?>) value) {
        write(out, item);
      }
      out.endArray();
    } else {
      throw new IllegalArgumentException("A " + value.getClass().getName() + " cannot be sent as JSON");
    }
  }

  /**
   * A request model's builder's check that a required property was set.
   *
   * @param present the bits of the properties set
   * @param bit the property's bit
   * @throws IllegalArgumentException naming the property when it was not set
   */
  public static void requireSet(long present, int bit, String model, String property, String setter) {
    if ((present & 1L << bit) == 0) {
      throw new IllegalArgumentException(model + ": " + property + " is required; set it with " + setter + "(...)");
    }
  }

  /** Deeper than this, no server parses a body (authentik's JSON parser stops at Python's 1000 frames). */
  private static final int MAX_DEPTH = 1000;

  /**
   * What a request model's builder keeps of a list or map it is given: an unmodifiable copy, at any
   * depth, so that changing the caller's collection later does not change the request.
   *
   * @param property the property's name in the contract, for the message
   * @throws IllegalArgumentException naming {@code property} when the value contains itself (a map or
   *     list that holds itself, directly or deeper down), or is nested too deep to be sent as JSON
   */
  public static <T> T frozenCopy(String property, T value) {
    return frozenCopy(property, value, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T frozenCopy(String property, T value, Set<Object> enclosing) {
    if (!(value instanceof List) && !(value instanceof Map)) {
      return value;
    }
    // Only the chain of enclosing containers: the same map twice side by side is fine, inside itself it is not.
    if (!enclosing.add(value)) {
      throw new IllegalArgumentException(property + " contains itself (a map or list holding itself): it cannot be sent as JSON");
    }
    if (enclosing.size() > MAX_DEPTH) {
      throw new IllegalArgumentException(property + " is nested more than " + MAX_DEPTH + " levels deep: it cannot be sent as JSON");
    }
    T copy;
    if (value instanceof List) {
      List<Object> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        items.add(frozenCopy(property, item, enclosing));
      }
      copy = (T) Collections.unmodifiableList(items);
    } else {
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        entries.put(e.getKey(), frozenCopy(property, e.getValue(), enclosing));
      }
      copy = (T) Collections.unmodifiableMap(entries);
    }
    enclosing.remove(value);
    return copy;
  }

  /**
   * Appends {@code name=shown} to a request model's {@code toString()} when the property was set.
   *
   * @param present the bits of the properties set
   * @param bit the property's bit
   */
  public static void show(StringBuilder out, long present, int bit, String name, Object shown) {
    if ((present & 1L << bit) != 0) {
      out.append(out.charAt(out.length() - 1) == '{' ? "" : ", ").append(name).append('=').append(shown);
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
