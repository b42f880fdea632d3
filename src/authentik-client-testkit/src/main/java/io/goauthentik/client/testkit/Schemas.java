package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a release's schema says about a value: an example that it accepts (for answers that are not
 * storage, and for the read-only properties of stored objects), and the field errors authentik
 * (Django REST framework) writes for a body it rejects. Thread-safe when its random source is only
 * used under the caller's lock.
 */
final class Schemas {
  private final Contract contract;
  private final Random random;
  private final Supplier<Instant> now;

  Schemas(Contract contract, Random random, Supplier<Instant> now) {
    this.contract = contract;
    this.random = random;
    this.now = now;
  }

  Contract contract() {
    return contract;
  }

  JsonObject resolve(JsonElement schema) {
    return contract.resolve(schema);
  }

  /** The properties of an object schema, allOf merged; empty for anything else. */
  JsonObject properties(JsonElement schema) {
    JsonObject s = resolve(schema);
    JsonObject out = new JsonObject();
    if (s.has("allOf")) {
      for (JsonElement part : s.getAsJsonArray("allOf")) {
        properties(part).entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
      }
    }
    if (s.has("properties")) {
      s.getAsJsonObject("properties").entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The required property names of an object schema, allOf merged. */
  java.util.Set<String> required(JsonElement schema) {
    JsonObject s = resolve(schema);
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (s.has("allOf")) {
      s.getAsJsonArray("allOf").forEach(part -> out.addAll(required(part)));
    }
    if (s.has("required")) {
      s.getAsJsonArray("required").forEach(name -> out.add(name.getAsString()));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Examples

  /** A value the schema accepts, named after {@code name} where that makes it plausible. */
  JsonElement example(JsonElement schema, String name) {
    return example(schema, name, 0);
  }

  private JsonElement example(JsonElement raw, String name, int depth) {
    JsonObject s = resolve(raw);
    if (s.has("allOf") && !s.has("properties")) {
      return objectExample(raw, depth);
    }
    for (String choice : new String[] {"oneOf", "anyOf"}) {
      if (s.has(choice) && s.getAsJsonArray(choice).size() > 0) {
        return example(s.getAsJsonArray(choice).get(0), name, depth + 1);
      }
    }
    if (s.has("enum") && s.getAsJsonArray("enum").size() > 0) {
      JsonElement first = s.getAsJsonArray("enum").get(0);
      return first.isJsonNull() && s.getAsJsonArray("enum").size() > 1 ? s.getAsJsonArray("enum").get(1) : first;
    }
    if (s.has("default") && !s.get("default").isJsonNull()) {
      return s.get("default").deepCopy();
    }
    String type = s.has("type") ? s.get("type").getAsString() : s.has("properties") ? "object" : "";
    switch (type) {
      case "object":
        return depth > 6 ? new JsonObject() : objectExample(raw, depth);
      case "array": {
        JsonArray array = new JsonArray();
        int min = s.has("minItems") ? s.get("minItems").getAsInt() : 0;
        for (int i = 0; i < min && depth < 6; i++) {
          array.add(example(s.get("items"), name, depth + 1));
        }
        return array;
      }
      case "integer": {
        long min = s.has("minimum") ? s.get("minimum").getAsLong() : 0;
        long max = s.has("maximum") ? s.get("maximum").getAsLong() : Integer.MAX_VALUE;
        return new JsonPrimitive(Math.max(min, Math.min(max, 1 + random.nextInt(1000))));
      }
      case "number":
        return new JsonPrimitive(s.has("minimum") ? s.get("minimum").getAsDouble() : 1.5);
      case "boolean":
        return new JsonPrimitive(false);
      case "string":
        return new JsonPrimitive(string(s, name));
      default:
        return new JsonObject(); // "any value": an empty object is one
    }
  }

  private JsonObject objectExample(JsonElement schema, int depth) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, JsonElement> p : properties(schema).entrySet()) {
      out.add(p.getKey(), example(p.getValue(), p.getKey(), depth + 1));
    }
    return out;
  }

  /** A string of the schema's format and length, such as a UUID, a time, a URL or a slug. */
  String string(JsonObject s, String name) {
    String format = s.has("format") ? s.get("format").getAsString() : "";
    String text;
    switch (format) {
      case "uuid":
        return new UUID(random.nextLong(), random.nextLong()).toString();
      case "date-time":
        return Json.time(now.get()).getAsString();
      case "date":
        return Json.time(now.get()).getAsString().substring(0, 10);
      case "uri":
        return "https://example.com/" + word();
      case "email":
        return word() + "@example.com";
      case "ipv4":
      case "ip":
        return "192.0.2." + (1 + random.nextInt(250));
      default:
        text = name == null ? word() : name.contains("email") ? word() + "@example.com"
            : name.contains("url") || name.endsWith("uri") ? "https://example.com/" + word()
            : name.contains("slug") ? "slug-" + word() : name + "-" + word();
    }
    int min = s.has("minLength") ? s.get("minLength").getAsInt() : 0;
    int max = s.has("maxLength") ? s.get("maxLength").getAsInt() : Integer.MAX_VALUE;
    StringBuilder out = new StringBuilder(text.length() > max ? text.substring(0, max) : text);
    while (out.length() < min) {
      out.append('x');
    }
    return out.toString();
  }

  private String word() {
    return Integer.toString(random.nextInt(Integer.MAX_VALUE), 36);
  }

  // ---------------------------------------------------------------------------------------------
  // Validation, as DRF's serializers report it

  /**
   * The field errors of a request body, {@code {"field": ["message"]}}, empty when the schema
   * accepts it. {@code partial} (PATCH) does not ask for required fields. Properties the schema
   * does not name are ignored, as DRF ignores them.
   */
  JsonObject errors(JsonElement schema, JsonElement body, boolean partial) {
    JsonObject errors = new JsonObject();
    if (body == null || !body.isJsonObject()) {
      HttpError.addFieldError(errors, "non_field_errors", "Invalid data. Expected a dictionary, but got "
          + typeName(body) + ".");
      return errors;
    }
    JsonObject object = body.getAsJsonObject();
    JsonObject properties = properties(schema);
    if (!partial) {
      for (String name : required(schema)) {
        JsonObject p = properties.has(name) ? resolve(properties.get(name)) : new JsonObject();
        if (!object.has(name) && !isTrue(p, "readOnly")) {
          HttpError.addFieldError(errors, name, "This field is required.");
        }
      }
    }
    for (Map.Entry<String, JsonElement> field : object.entrySet()) {
      JsonElement p = properties.get(field.getKey());
      if (p == null || isTrue(resolve(p), "readOnly")) {
        continue;
      }
      String message = problem(p, field.getValue(), properties.get(field.getKey()).isJsonObject()
          && isTrue(p.getAsJsonObject(), "nullable"));
      if (message != null) {
        HttpError.addFieldError(errors, field.getKey(), message);
      }
    }
    return errors;
  }

  /** What DRF says of one value, or null when the schema takes it. */
  private String problem(JsonElement raw, JsonElement value, boolean nullableHere) {
    JsonObject s = resolve(raw);
    if (value.isJsonNull()) {
      return nullableHere || isTrue(s, "nullable") || s.has("enum") && s.getAsJsonArray("enum").contains(JsonNull.INSTANCE)
          ? null : "This field may not be null.";
    }
    for (String choice : new String[] {"oneOf", "anyOf"}) {
      if (s.has(choice)) {
        for (JsonElement option : s.getAsJsonArray(choice)) {
          if (problem(option, value, false) == null) {
            return null;
          }
        }
        return s.getAsJsonArray(choice).size() == 0 ? null : "Invalid value.";
      }
    }
    if (s.has("enum")) {
      return s.getAsJsonArray("enum").contains(value) ? null
          : "\"" + (value.isJsonPrimitive() ? value.getAsString() : value.toString()) + "\" is not a valid choice.";
    }
    String type = s.has("type") ? s.get("type").getAsString() : s.has("properties") ? "object" : "";
    switch (type) {
      case "string": {
        if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
          return "Not a valid string.";
        }
        String text = value.getAsString();
        if (text.trim().isEmpty() && s.has("minLength") && s.get("minLength").getAsInt() > 0) {
          return "This field may not be blank.";
        }
        if (s.has("maxLength") && text.length() > s.get("maxLength").getAsInt()) {
          return "Ensure this field has no more than " + s.get("maxLength").getAsInt() + " characters.";
        }
        String format = s.has("format") ? s.get("format").getAsString() : "";
        if (format.equals("uuid")) {
          try {
            UUID.fromString(text);
          } catch (IllegalArgumentException e) {
            return "Must be a valid UUID.";
          }
        } else if (format.equals("date-time")) {
          try {
            OffsetDateTime.parse(text);
          } catch (DateTimeParseException e) {
            return "Datetime has wrong format. Use one of these formats instead: "
                + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
          }
        }
        return null;
      }
      case "integer": {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()
            && !(value.getAsJsonPrimitive().isString() && value.getAsString().matches("-?\\d+"))) {
          return "A valid integer is required.";
        }
        double number = value.getAsDouble();
        if (number != Math.rint(number)) {
          return "A valid integer is required.";
        }
        if (s.has("minimum") && number < s.get("minimum").getAsDouble()) {
          return "Ensure this value is greater than or equal to " + s.get("minimum").getAsLong() + ".";
        }
        if (s.has("maximum") && number > s.get("maximum").getAsDouble()) {
          return "Ensure this value is less than or equal to " + s.get("maximum").getAsLong() + ".";
        }
        return null;
      }
      case "number":
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() ? null : "A valid number is required.";
      case "boolean":
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() ? null : "Must be a valid boolean.";
      case "array": {
        if (!value.isJsonArray()) {
          return "Expected a list of items but got type \"" + typeName(value) + "\".";
        }
        for (JsonElement item : value.getAsJsonArray()) {
          String problem = problem(s.get("items"), item, false);
          if (problem != null) {
            return problem;
          }
        }
        return null;
      }
      case "object": {
        if (!value.isJsonObject()) {
          return "Expected a dictionary of items but got type \"" + typeName(value) + "\".";
        }
        if (s.has("properties")) {
          JsonObject nested = errors(s, value, false);
          if (nested.size() > 0) {
            Map.Entry<String, JsonElement> first = nested.entrySet().iterator().next();
            return first.getKey() + ": " + first.getValue().getAsJsonArray().get(0).getAsString();
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** Python's name for a JSON value's type, as DRF's messages say it. */
  private static String typeName(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "NoneType";
    }
    if (value.isJsonArray()) {
      return "list";
    }
    if (value.isJsonObject()) {
      return "dict";
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    return p.isBoolean() ? "bool" : p.isNumber() ? (p.getAsString().contains(".") ? "float" : "int") : "str";
  }

  static boolean isTrue(JsonObject schema, String key) {
    return schema.has(key) && schema.get(key).isJsonPrimitive() && schema.get(key).getAsBoolean();
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
