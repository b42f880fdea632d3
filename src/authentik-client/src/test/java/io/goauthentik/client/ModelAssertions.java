package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.goauthentik.client.model.RedirectURI;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Compares a model the SDK returned with the JSON the server sent, through the public getters only.
 * A JSON key {@code snake_case} is read through {@code getSnakeCase()}; an enum property through both
 * {@code getX()} and {@code getXRaw()}. Paths such as {@code user.groups_obj[1].parent_name} address
 * a value in either.
 */
final class ModelAssertions {
  private static final Gson PLAIN = new Gson();

  private ModelAssertions() {
  }

  /**
   * Asserts that every property of {@code json} reached the caller with its value, that the contract
   * has a getter for each of them, and that every getter whose property the JSON lacks returns null.
   */
  static void assertMatches(JsonElement json, Object model) {
    match("$", json, model, path -> fail("the contract has no property for " + path));
  }

  /**
   * Like {@link #assertMatches(JsonElement, Object)}, but a JSON property the contract has no getter
   * for is passed to {@code undeclared} (its path) instead of failing: for schemas that allow
   * additional properties, whose generated examples invent some.
   */
  static void assertMatches(JsonElement json, Object model, Consumer<String> undeclared) {
    match("$", json, model, undeclared);
  }

  /** The JSON value at {@code path} (null when some step is absent). */
  static JsonElement jsonAt(JsonElement root, String path) {
    JsonElement current = root;
    for (String step : steps(path)) {
      if (current == null || current.isJsonNull()) {
        return null;
      }
      if (step.startsWith("[")) {
        current = current.isJsonArray() ? element(current.getAsJsonArray(), index(step)) : null;
      } else {
        current = current.isJsonObject() ? current.getAsJsonObject().get(step) : null;
      }
    }
    return current;
  }

  /** The model value at {@code path}, read through the typed getters. */
  static Object modelAt(Object root, String path) {
    Object current = root;
    for (String step : steps(path)) {
      assertNotNull(current, "nothing at " + path + " before " + step);
      current = step.startsWith("[") ? ((List<?>) current).get(index(step)) : get(current, getter(current, step));
    }
    return current;
  }

  /** The value of a JSON property through its getter, such as {@code property(user, "is_active")}. */
  static Object property(Object model, String jsonName) {
    return get(model, getter(model, jsonName));
  }

  /** The enum constant a wire value should read as: the one with that value, else {@code UNKNOWN}. */
  static Object enumFor(Class<?> enumType, String wire) {
    for (Object constant : enumType.getEnumConstants()) {
      if (wire.equals(get(constant, method(enumType, "getValue")))) {
        return constant;
      }
    }
    return Arrays.stream(enumType.getEnumConstants())
        .filter(c -> ((Enum<?>) c).name().equals("UNKNOWN"))
        .findFirst()
        .orElseThrow();
  }

  private static void match(String path, JsonElement json, Object actual, Consumer<String> undeclared) {
    if (json == null || json.isJsonNull()) {
      assertNull(actual, path + " should read as null");
      return;
    }
    assertNotNull(actual, path + " should not read as null");
    boolean model = actual.getClass().getPackageName().equals("io.goauthentik.client.model");
    if (json.isJsonObject() && actual instanceof java.util.Map) {
      // A map keeps every key the server sent (free-form attributes, errors per field, ...).
      java.util.Map<?, ?> map = (java.util.Map<?, ?>) actual;
      assertEquals(json.getAsJsonObject().keySet(), map.keySet(), path + " keys");
      for (String key : json.getAsJsonObject().keySet()) {
        match(path + "." + key, json.getAsJsonObject().get(key), map.get(key), undeclared);
      }
    } else if (model && actual.getClass().getSimpleName().equals("Unknown")) {
      // A oneOf value with a discriminator this SDK does not know: kept whole.
      match(path, json, get(actual, method(actual.getClass(), "getProperties")), undeclared);
    } else if (json.isJsonObject() && actual instanceof List && ((List<?>) actual).size() == 1) {
      // x-or-single: older releases sent the one item alone.
      match(path, json, ((List<?>) actual).get(0), undeclared);
    } else if (json.isJsonObject() && !model) {
      // x-or-object-key: older releases sent the whole object where newer send its pk.
      match(path + ".pk", json.getAsJsonObject().get("pk"), actual, undeclared);
    } else if (json.isJsonPrimitive() && model) {
      // x-from-string: older releases sent a string where newer send an object with it in one property.
      assertTrue(getters(actual.getClass()).stream().anyMatch(g -> json.getAsString().equals(get(actual, g))),
          path + ": no property of " + actual + " is " + json);
    } else if (json.isJsonObject()) {
      matchModel(path, json.getAsJsonObject(), actual, undeclared);
    } else if (json.isJsonArray()) {
      List<?> list = assertInstanceOf(List.class, actual, path);
      JsonArray array = json.getAsJsonArray();
      assertEquals(array.size(), list.size(), path + " size");
      for (int i = 0; i < array.size(); i++) {
        match(path + "[" + i + "]", array.get(i), list.get(i), undeclared);
      }
    } else {
      matchPrimitive(path, json.getAsJsonPrimitive(), actual);
    }
  }

  private static void matchModel(String path, JsonObject json, Object model, Consumer<String> undeclared) {
    assertEquals("io.goauthentik.client.model", model.getClass().getPackageName(), path + " is not a model");
    Set<Method> read = new HashSet<>();
    for (String key : json.keySet()) {
      Method getter = findGetter(model, key);
      if (getter == null) {
        undeclared.accept(path + "." + key);
        continue;
      }
      read.add(getter);
      JsonElement value = json.get(key);
      Method raw = rawTwin(getter);
      if (raw == null) {
        match(path + "." + key, value, get(model, getter), undeclared);
        continue;
      }
      read.add(raw);
      match(path + "." + key, value, get(model, raw), undeclared);
      assertEquals(expectedEnum(getter, value), get(model, getter), path + "." + key + " (enum)");
    }
    for (Method getter : getters(model.getClass())) {
      // getIdTokenClaims() is a view of id_token, not a property of its own.
      if (!read.contains(getter) && !getter.getName().equals("getAdditionalProperties")
          && getter.getReturnType() != io.goauthentik.client.model.IdTokenClaims.class) {
        assertNull(get(model, getter), path + "." + getter.getName() + "() should be null: the server did not send it");
      }
    }
  }

  private static Object expectedEnum(Method getter, JsonElement value) {
    if (value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonArray()) {
      return enumFor(getter.getReturnType(), value.getAsString());
    }
    Class<?> item = (Class<?>) ((ParameterizedType) getter.getGenericReturnType()).getActualTypeArguments()[0];
    List<Object> expected = new ArrayList<>();
    for (JsonElement e : value.getAsJsonArray()) {
      expected.add(e.isJsonNull() ? null : enumFor(item, e.getAsString()));
    }
    return expected;
  }

  private static void matchPrimitive(String path, JsonPrimitive json, Object actual) {
    if (actual instanceof List) {
      // redirect_uris up to 2024.8: one string, a URI per line.
      List<String> lines = Arrays.stream(json.getAsString().split("\r?\n"))
          .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
      List<String> urls = ((List<?>) actual).stream()
          .map(u -> ((RedirectURI) u).getUrl()).collect(Collectors.toList());
      assertEquals(lines, urls, path + " (newline-separated form)");
      return;
    }
    Object expected;
    if (actual instanceof String) {
      expected = json.getAsString();
    } else if (actual instanceof Integer) {
      expected = json.getAsInt();
    } else if (actual instanceof Long) {
      expected = json.getAsLong();
    } else if (actual instanceof Double) {
      expected = json.getAsDouble();
    } else if (actual instanceof Boolean) {
      expected = json.getAsBoolean();
    } else if (actual instanceof UUID) {
      expected = UUID.fromString(json.getAsString());
    } else if (actual instanceof OffsetDateTime) {
      expected = OffsetDateTime.parse(json.getAsString());
    } else if (actual instanceof Enum) {
      expected = enumFor(actual.getClass(), json.getAsString());
    } else {
      throw new AssertionError(path + ": no comparison for " + actual.getClass());
    }
    assertEquals(expected, actual, path);
  }

  private static Method getter(Object model, String jsonName) {
    Method getter = findGetter(model, jsonName);
    return getter != null ? getter : fail(model.getClass().getSimpleName() + " has no getter for \"" + jsonName + "\"");
  }

  /** {@code getSnakeCase()} for {@code snake_case}, or null when the model has none. */
  private static Method findGetter(Object model, String jsonName) {
    StringBuilder name = new StringBuilder("get");
    for (String part : jsonName.split("_")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    Method getter;
    try {
      getter = model.getClass().getMethod(name.toString());
      getter = getter.getDeclaringClass() == model.getClass() ? getter : null;
    } catch (NoSuchMethodException e) {
      // The generator keeps a JavaBeans name as it is: x_cord's getter is getxCord().
      getter = getters(model.getClass()).stream().filter(m -> m.getName().equalsIgnoreCase(name.toString()))
          .findFirst().orElse(null);
    }
    // Only for a name in authentik's snake_case: id__ or Duis_e_ (invented by a mock server) is no property.
    return jsonName.matches("[a-z0-9]+(_[a-z0-9]+)*") ? getter : null;
  }

  private static Method rawTwin(Method getter) {
    try {
      return getter.getDeclaringClass().getMethod(getter.getName() + "Raw");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static List<Method> getters(Class<?> type) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
          && m.getName().startsWith("get") && m.getParameterCount() == 0) {
        out.add(m);
      }
    }
    return out;
  }

  private static Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(type + " has no " + name, e);
    }
  }

  private static Object get(Object target, Method getter) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(getter + " failed", e);
    }
  }

  private static List<String> steps(String path) {
    List<String> steps = new ArrayList<>();
    if (path.isEmpty()) {
      return steps;
    }
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      steps.add(bracket < 0 ? part : part.substring(0, bracket));
      while (bracket >= 0) {
        int end = part.indexOf(']', bracket);
        steps.add(part.substring(bracket, end + 1));
        bracket = part.indexOf('[', end);
      }
    }
    return steps;
  }

  private static int index(String step) {
    return Integer.parseInt(step.substring(1, step.length() - 1));
  }

  private static JsonElement element(JsonArray array, int index) {
    return index < array.size() ? array.get(index) : null;
  }
}
