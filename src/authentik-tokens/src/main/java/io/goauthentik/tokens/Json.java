package io.goauthentik.tokens;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes records (maps, lists, strings, numbers, booleans, {@code null}) as JSON with Gson's
 * {@link JsonWriter}: every property in the record's order, {@code null} included.
 */
final class Json {
  private Json() {
  }

  /** One line, for NDJSON. */
  static String compact(Object value) {
    return write(value, "");
  }

  /** Indented by two spaces, for a document a person may read too. */
  static String pretty(Object value) {
    return write(value, "  ");
  }

  private static String write(Object value, String indent) {
    StringWriter text = new StringWriter();
    try (JsonWriter json = new JsonWriter(text)) {
      json.setIndent(indent);
      json.setSerializeNulls(true);
      value(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /** Prints {@code value} as one document and a newline. */
  static void print(PrintWriter out, Object value) {
    out.println(pretty(value));
    out.flush();
  }

  private static void value(JsonWriter json, Object value) throws IOException {
    if (value == null) {
      json.nullValue();
    } else if (value instanceof Map) {
      json.beginObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        json.name(String.valueOf(entry.getKey()));
        value(json, entry.getValue());
      }
      json.endObject();
    } else if (value instanceof Collection) {
      json.beginArray();
      for (Object item : (Collection<?>) value) {
        value(json, item);
      }
      json.endArray();
    } else if (value instanceof Boolean) {
      json.value((Boolean) value);
    } else if (value instanceof Number) {
      json.value((Number) value);
    } else {
      json.value(value.toString());
    }
  }
}
