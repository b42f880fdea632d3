package io.goauthentik.client.testkit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;

/** How authentik writes values in JSON, shared by the fake's answers and the model builders. Stateless. */
final class Json {
  static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Json() {
  }

  /** As orjson writes a UTC datetime: microseconds only when there are any, and {@code Z}; null as JSON null. */
  static JsonElement time(Instant instant) {
    if (instant == null) {
      return JsonNull.INSTANCE;
    }
    int micros = instant.getNano() / 1000;
    String text = SECONDS.format(instant) + (micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros)) + "Z";
    return new JsonPrimitive(text);
  }

  static JsonArray strings(Collection<?> values) {
    JsonArray array = new JsonArray();
    values.forEach(value -> array.add(String.valueOf(value)));
    return array;
  }

  static JsonElement string(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
  }

  /** A list's {@code pagination} object, as authentik's pagination class writes it (0 for no next or previous page). */
  static JsonObject pagination(int next, int previous, int count, int current, int totalPages, int startIndex,
      int endIndex) {
    JsonObject pagination = new JsonObject();
    pagination.addProperty("next", next);
    pagination.addProperty("previous", previous);
    pagination.addProperty("count", count);
    pagination.addProperty("current", current);
    pagination.addProperty("total_pages", totalPages);
    pagination.addProperty("start_index", startIndex);
    pagination.addProperty("end_index", endIndex);
    return pagination;
  }

  /** A UUID derived from a name, so the same seeding gives the same ids. */
  static UUID uuid(String table, Object key) {
    return UUID.nameUUIDFromBytes((table + "-" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** authentik's "initials" avatar: an SVG with the name's initials, as a data URI. */
  static String avatar(String name) {
    StringBuilder initials = new StringBuilder();
    for (String part : name.trim().split("[\\s._@-]+")) {
      if (!part.isEmpty() && initials.length() < 2) {
        initials.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
      }
    }
    String svg = "<svg width=\"64px\" height=\"64px\" viewBox=\"0 0 64 64\" version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\">"
        + "<rect fill=\"#4a8a63\" cx=\"32\" cy=\"32\" width=\"64\" height=\"64\" r=\"32\"/>"
        + "<text x=\"50%\" y=\"50%\" fill=\"#ffffff\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"28\">"
        + initials.toString().replace("&", "&amp;").replace("<", "&lt;") + "</text></svg>";
    return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
  }

  /** The slug authentik's UI proposes for a name: lower case, runs of other characters as one {@code -}. */
  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
