package io.goauthentik.client;

import static io.goauthentik.client.ModelAssertions.assertMatches;
import static io.goauthentik.client.ModelAssertions.enumFor;
import static io.goauthentik.client.ModelAssertions.jsonAt;
import static io.goauthentik.client.ModelAssertions.modelAt;
import static io.goauthentik.client.ModelAssertions.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Tolerant reader: what a server adds, drops, nulls or renames in a response never makes the SDK
 * fail. Unknown fields are ignored at every depth, unknown enum values read as {@code UNKNOWN} with
 * the raw string kept, and a property the contract calls required reads as null when the server
 * sends null or leaves it out. The cases come from openapi.yaml and the nine release fixtures.
 */
class TolerantReaderTest {
  private static final List<String> RELEASES = List.of("2024.2.2", "2024.6.3", "2024.10.5", "2025.2.4", "2025.6.4",
      "2025.10.4", "2025.12.6", "2026.2.6", "2026.5.6");
  private static final String FUTURE = "from_a_future_release";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik("test-token");
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  /** Every place a model sits in a refresh token and the release fixtures that have it there. */
  static Stream<Arguments> modelLocations() {
    return releasesWith(Contract.LOCATIONS.keySet()).map(a -> Arguments.of(a[0], a[1]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modelLocations")
  void unknownFieldsAreIgnored(String release, String location) {
    String original = Fixtures.load(release, "refresh_token.json");
    JsonObject root = JsonParser.parseString(original).getAsJsonObject();
    JsonObject target = location.isEmpty() ? root : jsonAt(root, location).getAsJsonObject();
    // One unknown field before the known ones, the others after, with every JSON shape nested.
    JsonObject reordered = new JsonObject();
    reordered.addProperty("x_first", "ahead of the known fields");
    target.entrySet().forEach(e -> reordered.add(e.getKey(), e.getValue()));
    reordered.add("x_object", JsonParser.parseString("{\"a\": [1, {\"b\": [null, true, \"c\", 1.5e300]}], \"d\": {}}"));
    reordered.add("x_array", JsonParser.parseString("[{\"pk\": 1}, [], \"s\"]"));
    reordered.add("x_null", JsonNull.INSTANCE);
    reordered.addProperty("x_number", -12345678901234567890.5);
    new ArrayList<>(target.keySet()).forEach(target::remove);
    reordered.entrySet().forEach(e -> target.add(e.getKey(), e.getValue()));

    RefreshToken withUnknown = retrieve(root.toString());

    assertEquals(retrieve(original), withUnknown);
    assertMatches(JsonParser.parseString(original), withUnknown);
  }

  /** Every enum-typed property of the contract, each with the release fixture to plant it in. */
  static Stream<Arguments> enumProperties() {
    return Stream.of(
        Arguments.of("provider.client_type", "2025.10.4"),
        Arguments.of("provider.sub_mode", "2025.10.4"),
        Arguments.of("provider.issuer_mode", "2025.10.4"),
        Arguments.of("provider.redirect_uris[0].matching_mode", "2025.10.4"),
        Arguments.of("provider.redirect_uris[0].redirect_uri_type", "2025.10.4"),
        Arguments.of("provider.grant_types", "2025.10.4"),
        Arguments.of("provider.logout_method", "2025.10.4"),
        Arguments.of("user.type", "2026.5.6"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enumProperties")
  void unknownEnumValueReadsAsUnknownWithTheRawString(String path, String release) {
    JsonObject root = JsonParser.parseString(Fixtures.load(release, "refresh_token.json")).getAsJsonObject();
    int dot = path.lastIndexOf('.');
    String key = path.substring(dot + 1);
    JsonObject owner = jsonAt(root, path.substring(0, dot)).getAsJsonObject();
    boolean isList = key.equals("grant_types");
    owner.add(key, isList ? JsonParser.parseString("[\"authorization_code\", \"" + FUTURE + "\"]") : new JsonPrimitive(FUTURE));

    RefreshToken token = retrieve(root.toString());

    Object model = modelAt(token, path.substring(0, dot));
    Object typed = property(model, key);
    Object raw = property(model, key + "_raw");
    if (isList) {
      List<?> values = (List<?>) typed;
      Class<?> type = values.get(0).getClass();
      assertEquals(List.of(enumFor(type, "authorization_code"), enumFor(type, FUTURE)), values);
      assertEquals("UNKNOWN", ((Enum<?>) values.get(1)).name());
      assertEquals(List.of("authorization_code", FUTURE), raw);
    } else {
      assertEquals("UNKNOWN", ((Enum<?>) typed).name());
      assertEquals(FUTURE, raw);
    }
    assertMatches(root, token);
  }

  @Test
  void enumCasesCoverEveryEnumPropertyOfTheModels() {
    Set<String> covered = enumProperties().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    Set<String> found = new TreeSet<>();
    collectEnumProperties(RefreshToken.class, "", found);

    assertEquals(found, covered);
  }

  /** For every required property of every model and every fixture that sends it: null, then absent. */
  static Stream<Arguments> requiredProperties() {
    List<Arguments> cases = new ArrayList<>();
    for (String release : RELEASES) {
      JsonElement root = JsonParser.parseString(Fixtures.load(release, "refresh_token.json"));
      Contract.LOCATIONS.forEach((location, model) -> {
        JsonElement target = location.isEmpty() ? root : jsonAt(root, location);
        if (target == null || !target.isJsonObject()) {
          return;
        }
        for (String property : Contract.required(model)) {
          if (target.getAsJsonObject().has(property)) {
            cases.add(Arguments.of(release, location, property, true));
            cases.add(Arguments.of(release, location, property, false));
          }
        }
      });
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}.{2} null={3}")
  @MethodSource("requiredProperties")
  void requiredPropertyNullOrMissingReadsAsNull(String release, String location, String property, boolean sendNull) {
    JsonObject root = JsonParser.parseString(Fixtures.load(release, "refresh_token.json")).getAsJsonObject();
    JsonObject target = location.isEmpty() ? root : jsonAt(root, location).getAsJsonObject();
    if (sendNull) {
      target.add(property, JsonNull.INSTANCE);
    } else {
      target.remove(property);
    }

    RefreshToken token = retrieve(root.toString());

    Object model = location.isEmpty() ? token : modelAt(token, location);
    assertNotNull(model);
    assertNull(property(model, property));
    assertMatches(root, token);
  }

  /**
   * Every model a refresh token of some release carries gets cases. The contract's models reach
   * further than any token does (a user's groups are Group, which on the groups endpoint also holds
   * its members as PartialUser and its children as RelatedGroup); those places are in no token.
   */
  @Test
  void requiredCasesReachEveryModel() {
    Set<String> models = requiredProperties()
        .map(a -> Contract.LOCATIONS.get((String) a.get()[1]))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> inTokens = releasesWith(Contract.LOCATIONS.keySet())
        .map(a -> Contract.LOCATIONS.get(a[1]))
        .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(Set.of("Group", "OAuth2Provider", "RedirectURI", "RefreshToken", "Role", "User"), inTokens);
    assertEquals(inTokens, models);
    assertTrue(requiredProperties().count() > 100, "cases: " + requiredProperties().count());
  }

  private RefreshToken retrieve(String body) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build());
    return client.oauth2().oauth2RefreshTokensRetrieve(42);
  }

  private static Stream<String[]> releasesWith(Set<String> locations) {
    List<String[]> out = new ArrayList<>();
    for (String release : RELEASES) {
      JsonElement root = JsonParser.parseString(Fixtures.load(release, "refresh_token.json"));
      for (String location : locations) {
        JsonElement target = location.isEmpty() ? root : jsonAt(root, location);
        if (target != null && target.isJsonObject()) {
          out.add(new String[] {release, location});
        }
      }
    }
    return out.stream();
  }

  /** Walks the model classes from RefreshToken and collects the paths of enum-typed getters. */
  private static void collectEnumProperties(Class<?> type, String prefix, Set<String> out) {
    for (Method getter : type.getDeclaredMethods()) {
      String name = getter.getName();
      if (!name.startsWith("get") || name.endsWith("Raw") || getter.getParameterCount() != 0) {
        continue;
      }
      String path = prefix + name.substring(3).replaceAll("(?<=[a-z0-9])([A-Z])", "_$1").toLowerCase();
      Class<?> value = getter.getReturnType();
      if (value == List.class) {
        value = (Class<?>) ((ParameterizedType) getter.getGenericReturnType()).getActualTypeArguments()[0];
        if (!value.isEnum()) {
          path += "[0]";
        }
      }
      if (value.isEnum()) {
        out.add(path);
      } else if (value.getPackageName().equals(RefreshToken.class.getPackageName())) {
        collectEnumProperties(value, path + ".", out);
      }
    }
  }

  /** The models of openapi.yaml: where each sits in a refresh token, and its required properties. */
  private static final class Contract {
    private static final Map<String, Object> SCHEMAS = loadSchemas();
    /** Path in a refresh token (list items as [0]) to model name, walked from RefreshToken. */
    static final Map<String, String> LOCATIONS = new java.util.LinkedHashMap<>();

    static {
      walk("RefreshToken", "");
    }

    @SuppressWarnings("unchecked")
    static List<String> required(String model) {
      return (List<String>) ((Map<String, Object>) SCHEMAS.get(model)).getOrDefault("required", List.of());
    }

    @SuppressWarnings("unchecked")
    private static void walk(String model, String path) {
      LOCATIONS.put(path, model);
      Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) SCHEMAS.get(model)).get("properties");
      properties.forEach((name, value) -> {
        Map<String, Object> schema = (Map<String, Object>) value;
        boolean array = schema.containsKey("items");
        Map<String, Object> typed = array ? (Map<String, Object>) schema.get("items") : schema;
        Object ref = typed.get("$ref");
        List<Map<String, Object>> allOf = (List<Map<String, Object>>) typed.get("allOf");
        if (ref == null && allOf != null && allOf.size() == 1) {
          ref = allOf.get(0).get("$ref"); // a one-ref allOf carries a $ref with siblings (a description, x-shapes)
        }
        if (ref == null) {
          return;
        }
        String target = ((String) ref).substring("#/components/schemas/".length());
        if (((Map<String, Object>) SCHEMAS.get(target)).containsKey("properties")) {
          walk(target, (path.isEmpty() ? "" : path + ".") + name + (array ? "[0]" : ""));
        }
      });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadSchemas() {
      try (Reader in = Files.newBufferedReader(Path.of("openapi.yaml"))) {
        Map<String, Object> doc = new Yaml().load(in);
        return (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
