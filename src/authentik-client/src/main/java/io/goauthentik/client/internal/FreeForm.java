package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON whose names the body chooses: free-form objects ({@code attributes}), any JSON, the
 * properties a model does not name (kept as extras, or skipped). Kept as unmodifiable maps and
 * lists of strings, numbers and booleans. A failure below such a name is reported at the path of
 * the property that holds it ({@link BodyChosenNamesException}): the names below are data.
 */
public final class FreeForm {
  private FreeForm() {
  }

  /** A free-form object ({@code attributes}): any JSON, kept as maps, lists, strings, numbers, booleans. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readFreeForm(JsonReader in) throws IOException {
    if (Readers.skipNull(in)) {
      return null;
    }
    if (in.peek() != JsonToken.BEGIN_OBJECT) {
      throw new MalformedJsonException("Expected an object at " + in.getPath());
    }
    return (Map<String, Object>) readAny(in);
  }

  /** Any JSON value, as {@link #readFreeForm} keeps it. */
  static Object readAny(JsonReader in) throws IOException {
    if (Readers.skipNull(in)) {
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

  /** The extras {@link #putExtra} collected, unmodifiable; {@code null} stays {@code null}. */
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
}
