package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.internal.ApiCaller;
import io.goauthentik.client.model.RequestModel;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserRequest;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Read, change, PUT loses nothing: for every response model that has a request model (the merge
 * marks them x-request-model in openapi.yaml), a random complete object of the response's schema,
 * read with {@code fromJson}, turned into its request with {@code toRequest().build()} and written
 * as the SDK sends a body, is exactly the object's writable properties (nested ones too).
 */
class RoundTripTest {
  private static final String MODELS = "io.goauthentik.client.model.";
  private static final Map<String, Object> SCHEMAS = loadSchemas();

  static Stream<String> pairs() {
    return SCHEMAS.entrySet().stream().filter(e -> map(e.getValue()).containsKey("x-request-model")).map(Map.Entry::getKey);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void toRequestKeepsEveryWritableProperty(String model) throws Exception {
    Method fromJson = Class.forName(MODELS + model).getMethod("fromJson", JsonReader.class);
    Random random = new Random(model.hashCode());
    for (int run = 0; run < 5; run++) {
      JsonElement sent = new Gson().toJsonTree(value(Map.of("$ref", "#/components/schemas/" + model), random, 0));
      Object read = fromJson.invoke(null, new JsonReader(new StringReader(sent.toString())));
      Object builder = read.getClass().getMethod("toRequest").invoke(read);
      JsonObject expected = writable(model, sent);
      // What the server never sends (a secret) the caller sets; a required one must be, to build.
      for (Object writeOnly : (List<?>) map(map(SCHEMAS.get(model)).get("x-request-model")).get("writeOnly")) {
        String secret = "secret" + random.nextInt(1000);
        builder.getClass().getMethod(camel((String) writeOnly), String.class).invoke(builder, secret);
        expected.addProperty((String) writeOnly, secret);
      }
      RequestModel request = (RequestModel) builder.getClass().getMethod("build").invoke(builder);

      assertEquals(expected, asSent(request), model + " from " + sent);
    }
  }

  /** The merge finds every pair the generated models have: X and XRequest, X read from the server. */
  @Test
  void everyModelWithARequestModelHasToRequest() throws Exception {
    Path models = Path.of(User.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(MODELS.replace('.', '/'));
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(models)) {
      for (String name : files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> n.substring(0, n.length() - ".class".length())).collect(Collectors.toList())) {
        Class<?> type = Class.forName(MODELS + name);
        if (!RequestModel.class.isAssignableFrom(type) && !type.isInterface() && !type.isEnum()
            && Modifier.isPublic(type.getModifiers()) && exists(MODELS + name + "Request")) {
          found.add(name);
          assertEquals(Class.forName(MODELS + name + "Request$Builder"), type.getMethod("toRequest").getReturnType(), name);
        }
      }
    }
    assertEquals(pairs().collect(Collectors.toCollection(TreeSet::new)), found);
    assertTrue(found.size() > 100, "pairs: " + found.size());
  }

  /** README's read, change, PUT: the change wins, every other writable property stays. */
  @Test
  void aChangeOnTopOfToRequestKeepsTheRest() throws Exception {
    User user = User.fromJson(new JsonReader(new StringReader("{\"pk\": 7, \"username\": \"jdoe\", \"name\": \"J. Doe\","
        + " \"is_active\": true, \"email\": \"jdoe@example.com\", \"groups\": [], \"attributes\": {\"team\": \"ops\"},"
        + " \"path\": \"users\", \"type\": \"internal\", \"avatar\": \"https://example.com/a.png\", \"uid\": \"abc\"}")));

    UserRequest request = user.toRequest().isActive(false).build();

    assertEquals(JsonParser.parseString("{\"username\": \"jdoe\", \"name\": \"J. Doe\", \"is_active\": false,"
        + " \"groups\": [], \"email\": \"jdoe@example.com\", \"attributes\": {\"team\": \"ops\"}, \"path\": \"users\","
        + " \"type\": \"internal\"}"), asSent(request));
  }

  /** An enum value this SDK does not know has no constant to send: left unset, the server keeps it. */
  @Test
  void anUnknownEnumValueIsLeftUnset() throws Exception {
    User user = User.fromJson(new JsonReader(new StringReader("{\"username\": \"jdoe\", \"name\": \"J. Doe\", \"type\": \"from_the_future\"}")));

    JsonObject sent = asSent(user.toRequest().build());

    assertFalse(sent.has("type"), sent.toString());
    assertEquals("jdoe", sent.get("username").getAsString());
  }

  @Test
  void aWriteOnlyPropertyIsLeftUnsetAndARequiredOneStillChecked() throws Exception {
    User user = User.fromJson(new JsonReader(new StringReader("{\"name\": \"J. Doe\"}")));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> user.toRequest().build());
    assertTrue(e.getMessage().contains("username"), e.getMessage());
  }

  // --- what is sent, and what should be ------------------------------------------------------

  private static JsonObject asSent(RequestModel request) throws IOException {
    Buffer body = new Buffer();
    ApiCaller.json(request).writeTo(body);
    return JsonParser.parseString(body.readUtf8()).getAsJsonObject();
  }

  /** The properties of {@code model} that its toRequest() copies (x-to-request), nested models by their own. */
  private static JsonObject writable(String model, JsonElement value) {
    JsonObject in = value.getAsJsonObject();
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> p : map(map(SCHEMAS.get(model)).get("properties")).entrySet()) {
      Map<String, Object> ps = map(p.getValue());
      if (!Boolean.TRUE.equals(ps.get("x-to-request")) || !in.has(p.getKey())) {
        continue;
      }
      String nested = ref(ps);
      String items = ps.containsKey("items") ? ref(map(ps.get("items"))) : null;
      JsonElement v = in.get(p.getKey());
      if (nested != null && !map(SCHEMAS.get(nested)).containsKey("enum")) {
        out.add(p.getKey(), writable(nested, v));
      } else if (items != null && !map(SCHEMAS.get(items)).containsKey("enum")) {
        com.google.gson.JsonArray list = new com.google.gson.JsonArray();
        v.getAsJsonArray().forEach(item -> list.add(writable(items, item)));
        out.add(p.getKey(), list);
      } else {
        out.add(p.getKey(), v);
      }
    }
    return out;
  }

  // --- random complete values of a schema of openapi.yaml -----------------------------------

  /** A value of the schema with every property set, none null; lists of one or two items. */
  private static Object value(Map<String, Object> schema, Random random, int depth) {
    String name = ref(schema);
    Map<String, Object> s = name != null ? map(SCHEMAS.get(name)) : schema;
    if (s.containsKey("oneOf")) {
      List<?> options = (List<?>) s.get("oneOf");
      return value(map(options.get(random.nextInt(options.size()))), random, depth);
    }
    if (s.containsKey("enum")) {
      List<Object> values = new ArrayList<>((List<?>) s.get("enum"));
      values.remove(null);
      return values.get(random.nextInt(values.size()));
    }
    String type = (String) s.get("type");
    if (type == null) {
      return "any " + random.nextInt(100);
    }
    String format = String.valueOf(s.get("format"));
    switch (type) {
      case "string":
        switch (format) {
          case "uuid":
            return new UUID(random.nextLong(), random.nextLong()).toString();
          case "date-time":
            return Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000)).atOffset(ZoneOffset.UTC).toString();
          case "date":
            return LocalDate.ofEpochDay(18_000 + random.nextInt(3_000)).toString();
          default:
            return "text" + random.nextInt(100_000);
        }
      case "integer":
        return "int64".equals(format) ? 1L + random.nextInt(Integer.MAX_VALUE) * 1000L : 1 + random.nextInt(100_000);
      case "number":
        return random.nextInt(10_000) / 4.0;
      case "boolean":
        return random.nextBoolean();
      case "array": {
        List<Object> items = new ArrayList<>();
        for (int n = depth > 4 ? 0 : 1 + random.nextInt(2); items.size() < n; ) {
          items.add(value(map(s.get("items")), random, depth + 1));
        }
        return items;
      }
      case "object": {
        Map<String, Object> out = new LinkedHashMap<>();
        Object additional = s.get("additionalProperties");
        if (!s.containsKey("properties") && additional instanceof Map && !map(additional).isEmpty()) {
          out.put("key" + random.nextInt(10), value(map(additional), random, depth + 1));
          return out;
        }
        if (!s.containsKey("properties")) { // free-form: what admins put in attributes
          out.put("key" + random.nextInt(10), "value");
          out.put("flag", random.nextBoolean());
          out.put("nested", Map.of("list", List.of("a", "b")));
          return out;
        }
        for (Map.Entry<String, Object> p : map(s.get("properties")).entrySet()) {
          out.put(p.getKey(), value(map(p.getValue()), random, depth + 1));
        }
        return out;
      }
      default:
        throw new IllegalArgumentException("type " + type);
    }
  }

  /** The schema a $ref or a one-ref allOf names, else null. */
  private static String ref(Map<String, Object> schema) {
    Object ref = schema.get("$ref");
    if (ref == null && schema.get("allOf") instanceof List && ((List<?>) schema.get("allOf")).size() == 1) {
      ref = map(((List<?>) schema.get("allOf")).get(0)).get("$ref");
    }
    return ref == null ? null : ((String) ref).substring("#/components/schemas/".length());
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.split("_")) {
      out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return out.toString();
  }

  private static boolean exists(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  private static Map<String, Object> loadSchemas() {
    try (Reader in = Files.newBufferedReader(Path.of("openapi.yaml"))) {
      Map<String, Object> doc = new Yaml().load(in);
      return map(map(doc.get("components")).get("schemas"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
