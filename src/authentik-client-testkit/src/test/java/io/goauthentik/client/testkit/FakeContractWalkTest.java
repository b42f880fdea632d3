package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every CRUD resource of a release, through the SDK against the fake: create with a valid body built
 * through the SDK's request builders (the release's required properties, values its schema accepts),
 * retrieve, list and find it, patch one property and read it back, delete, then 404.
 */
class FakeContractWalkTest {
  private static final Gson GSON = new Gson();

  @ParameterizedTest
  @ValueSource(strings = {"2024.2.2", "2026.5.6"})
  void everyCrudResourceWalksThroughTheSdk(String release) throws Exception {
    try (FakeAuthentik fake = FakeAuthentik.builder().release(release).start();
        AuthentikClient client = fake.clientBuilder().maxRetries(0).build()) {
      Resources resources = fake.resources();
      List<String> walked = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (Resources.Table table : resources.tables()) {
        if (!table.isCrud()) {
          continue;
        }
        try {
          if (walk(client, resources.schemas(), table)) {
            walked.add(table.path);
          } else {
            skipped.add(table.path);
          }
        } catch (Throwable e) {
          Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
          failed.add(table.path + ": " + cause);
        }
      }
      System.out.println("authentik " + release + ": walked " + walked.size() + " CRUD resources through the SDK"
          + "; skipped " + skipped.size() + " whose SDK method takes no body " + skipped
          + (failed.isEmpty() ? "" : "; failed " + failed.size() + ":\n  " + String.join("\n  ", failed)));
      assertEquals(List.of(), failed);
      assertTrue(walked.size() >= 70, "walked only " + walked.size());
    }
  }

  /** How the fake serves the release's operations: with state, by behaviour beyond storage, with an example. */
  @ParameterizedTest
  @ValueSource(strings = {"2024.2.2", "2026.5.6"})
  void everyOperationOfTheReleaseIsServed(String release) {
    try (FakeAuthentik fake = FakeAuthentik.builder().release(release).start()) {
      Resources resources = fake.resources();
      java.util.Set<Contract.Operation> stateful = new java.util.HashSet<>();
      for (Resources.Table table : resources.tables()) {
        for (Contract.Operation op : new Contract.Operation[] {table.list, table.create, table.retrieve, table.update,
            table.partialUpdate, table.destroy}) {
          if (op != null) {
            stateful.add(op);
          }
        }
      }
      List<Contract.Operation> all = Contract.of(release).operations;
      long examples = all.stream().filter(op -> !stateful.contains(op)).count();
      System.out.println("authentik " + release + ": " + all.size() + " operations, " + stateful.size()
          + " with state (" + resources.tables().size() + " resources), " + examples + " with an example or behaviour");
      assertEquals(all.size(), stateful.size() + examples);
      assertTrue(stateful.size() > 300, "only " + stateful.size() + " with state");
    }
  }

  /** False when the SDK's create or patch takes no body (the SDK's contract, over every release, makes it optional there). */
  private static boolean walk(AuthentikClient client, Schemas schemas, Resources.Table table) throws Exception {
    JsonObject body = new JsonObject();
    JsonObject properties = schemas.properties(table.create.requestSchema);
    for (String name : schemas.required(table.create.requestSchema)) {
      body.add(name, schemas.example(properties.get(name), name));
    }
    Method create = sdkMethod(client, table.create.id);
    Method update = sdkMethod(client, table.partialUpdate.id);
    if (create.getParameterCount() == 0 || update.getParameterCount() < 2) {
      return false;
    }
    Object created = create.invoke(api(client, create), build(create.getGenericParameterTypes()[0], body, schemas,
        table.create.requestSchema));
    Object id = get(created, table.lookup);

    Method retrieve = sdkMethod(client, table.retrieve.id);
    Object pathId = convert(retrieve.getGenericParameterTypes()[0], id);
    Object read = call(retrieve, api(client, retrieve), pathId);
    assertEquals(String.valueOf(id), String.valueOf(get(read, table.lookup)));

    Method list = sdkMethod(client, table.list.id);
    Object request = list.invoke(api(client, list));
    Iterable<?> all = (Iterable<?>) request.getClass().getMethod("iterateAll").invoke(request);
    boolean found = false;
    for (Object each : all) {
      found |= String.valueOf(id).equals(String.valueOf(get(each, table.lookup)));
    }
    assertTrue(found, "not listed");

    String patched = patchable(schemas, table);
    if (patched != null) {
      JsonObject patch = new JsonObject();
      patch.add(patched, schemas.example(schemas.properties(table.partialUpdate.requestSchema).get(patched), patched));
      Object changed = update.invoke(api(client, update), pathId,
          build(update.getGenericParameterTypes()[1], patch, schemas, table.partialUpdate.requestSchema));
      Object reread = call(retrieve, api(client, retrieve), pathId);
      assertEquals(String.valueOf(get(changed, patched)), String.valueOf(get(reread, patched)), patched);
    }

    Method destroy = sdkMethod(client, table.destroy.id);
    destroy.invoke(api(client, destroy), pathId);
    InvocationTargetException gone = assertThrows(InvocationTargetException.class,
        () -> call(retrieve, api(client, retrieve), pathId));
    assertTrue(gone.getCause() instanceof NotFoundException, String.valueOf(gone.getCause()));
    return true;
  }

  /** Calls an operation; one with optional query parameters returns a request to execute. */
  private static Object call(Method operation, Object api, Object... args) throws Exception {
    Object result = operation.invoke(api, args);
    for (Method m : result.getClass().getMethods()) {
      if (m.getName().equals("execute") && m.getParameterCount() == 0) {
        return m.invoke(result);
      }
    }
    return result;
  }

  /** A plain string property of the PATCH body (no enum or format), not the lookup field; null when there is none. */
  private static String patchable(Schemas schemas, Resources.Table table) {
    for (Map.Entry<String, JsonElement> p : schemas.properties(table.partialUpdate.requestSchema).entrySet()) {
      JsonObject s = schemas.resolve(p.getValue());
      if ("string".equals(s.has("type") ? s.get("type").getAsString() : "") && !s.has("enum") && !s.has("format")
          && !p.getKey().equals(table.lookup) && !Schemas.isTrue(s, "writeOnly")
          && schemas.properties(table.schema).has(p.getKey())) {
        return p.getKey();
      }
    }
    return null;
  }

  private static Method sdkMethod(AuthentikClient client, String operationId) {
    String name = camel(operationId, false);
    for (Method accessor : client.getClass().getMethods()) {
      if (accessor.getParameterCount() == 0 && accessor.getReturnType().getSimpleName().endsWith("Api")) {
        for (Method m : accessor.getReturnType().getMethods()) {
          if (m.getName().equals(name)) {
            return m;
          }
        }
      }
    }
    throw new AssertionError("the SDK has no " + name);
  }

  private static Object api(AuthentikClient client, Method operation) throws Exception {
    for (Method accessor : client.getClass().getMethods()) {
      if (accessor.getParameterCount() == 0 && accessor.getReturnType() == operation.getDeclaringClass()) {
        return accessor.invoke(client);
      }
    }
    throw new AssertionError(operation.getDeclaringClass().getSimpleName());
  }

  private static Object get(Object model, String property) throws Exception {
    return model.getClass().getMethod("get" + camel(property, true)).invoke(model);
  }

  /** A request model through its builder, each property of the JSON set with its setter. */
  private static Object build(Type type, JsonObject json, Schemas schemas, JsonElement schema) throws Exception {
    Class<?> model = (Class<?>) type;
    Object builder = model.getMethod("builder").invoke(null);
    JsonObject properties = schemas.properties(schema);
    for (Map.Entry<String, JsonElement> field : json.entrySet()) {
      String setter = camel(field.getKey(), false);
      Method found = null;
      for (Method m : builder.getClass().getMethods()) {
        if (m.getName().equals(setter) && m.getParameterCount() == 1) {
          found = m;
        }
      }
      if (found == null) {
        throw new AssertionError(model.getSimpleName() + " has no " + setter);
      }
      found.invoke(builder, value(found.getGenericParameterTypes()[0], field.getValue(), schemas, properties.get(field.getKey())));
    }
    return builder.getClass().getMethod("build").invoke(builder);
  }

  private static Object value(Type type, JsonElement json, Schemas schemas, JsonElement schema) throws Exception {
    if (json == null || json.isJsonNull()) {
      return null;
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      if (p.getRawType() == List.class) {
        List<Object> out = new ArrayList<>();
        JsonElement items = schemas.resolve(schema).get("items");
        for (JsonElement each : json.getAsJsonArray()) {
          out.add(value(p.getActualTypeArguments()[0], each, schemas, items));
        }
        return out;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
        out.put(e.getKey(), GSON.fromJson(e.getValue(), Object.class));
      }
      return out;
    }
    Class<?> c = (Class<?>) type;
    if (c == Object.class) {
      return GSON.fromJson(json, Object.class);
    }
    if (c.isEnum()) {
      for (Object constant : c.getEnumConstants()) {
        if (Objects.equals(constant.getClass().getMethod("getValue").invoke(constant).toString(), json.getAsString())) {
          return constant;
        }
      }
      throw new AssertionError(c.getSimpleName() + " has no " + json);
    }
    if (json.isJsonObject()) {
      return build(c, json.getAsJsonObject(), schemas, schema);
    }
    return convert(c, json.getAsString());
  }

  private static Object convert(Type type, Object raw) {
    String text = String.valueOf(raw);
    if (type == Integer.class) {
      return Integer.valueOf(text);
    }
    if (type == Long.class) {
      return Long.valueOf(text);
    }
    if (type == Double.class || type == Float.class || type == java.math.BigDecimal.class) {
      return type == Double.class ? Double.valueOf(text) : type == Float.class ? (Object) Float.valueOf(text)
          : new java.math.BigDecimal(text);
    }
    if (type == Boolean.class) {
      return Boolean.valueOf(text);
    }
    if (type == UUID.class) {
      return UUID.fromString(text);
    }
    if (type == OffsetDateTime.class) {
      return OffsetDateTime.parse(text);
    }
    if (type == java.time.LocalDate.class) {
      return java.time.LocalDate.parse(text);
    }
    if (type == URI.class) {
      return URI.create(text);
    }
    return text;
  }

  private static String camel(String name, boolean upperFirst) {
    StringBuilder out = new StringBuilder();
    boolean up = upperFirst;
    for (char c : name.toCharArray()) {
      if (c == '_' || c == '-' || c == ' ') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.length() == 0 ? out.toString() : out.substring(0, 1).toLowerCase(Locale.ROOT).equals(out.substring(0, 1))
        && upperFirst ? out.substring(0, 1).toUpperCase(Locale.ROOT) + out.substring(1) : out.toString();
  }
}
