package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The fixtures are built from the schemas, not from guesses: every file in fixtures/&lt;release&gt;/ is
 * checked against the response it stands for in that release's own published schema
 * (src/test/resources/upstream/oauth2-tokens-&lt;release&gt;.yml). Every property a fixture carries must
 * be one the release defines ({@code $ref} and {@code allOf} followed), every required property must
 * be there, and types, formats, enum values, max lengths and nullability must be the release's.
 * Beyond the schema: list pages are consistent with each other, every id_token is the claims document
 * authentik writes, every secret is in expected.json's never_leak, and expected.json says what the
 * fixtures hold.
 */
class FixtureSchemaTest {
  private static final JsonObject EXPECTED = JsonParser.parseString(text("/fixtures/expected.json")).getAsJsonObject();
  private static final List<String> KINDS = List.of("refresh_tokens", "access_tokens", "authorization_codes");
  /** The files every release directory holds. */
  private static final List<String> REQUIRED_FILES = List.of("refresh_token.json", "refresh_token_nulls.json",
      "access_token.json", "access_token_nulls.json", "authorization_code.json", "authorization_code_nulls.json",
      "refresh_tokens_page1.json", "access_tokens_page1.json", "authorization_codes_page1.json", "used_by.json",
      "400.json", "403.json", "404.json");
  /** IDToken's fields in authentik's order (authentik/providers/oauth2/id_token.py); the scope claims follow. */
  private static final List<String> ID_TOKEN_FIELDS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "acr", "amr",
      "c_hash", "nonce", "at_hash", "sid");
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d*)");

  /** Which response of the release's schema a fixture is, by file name: path, method and status. */
  private static final Map<Pattern, String[]> RESPONSES = new LinkedHashMap<>();

  static {
    RESPONSES.put(Pattern.compile("refresh_token(_nulls)?\\.json"), new String[] {"/oauth2/refresh_tokens/{id}/", "get", "200"});
    RESPONSES.put(Pattern.compile("access_token(_nulls)?\\.json"), new String[] {"/oauth2/access_tokens/{id}/", "get", "200"});
    RESPONSES.put(Pattern.compile("authorization_code(_nulls)?\\.json"),
        new String[] {"/oauth2/authorization_codes/{id}/", "get", "200"});
    for (String kind : KINDS) {
      RESPONSES.put(Pattern.compile(kind + "_page\\d+\\.json"), new String[] {"/oauth2/" + kind + "/", "get", "200"});
    }
    // The three used_by operations share one response schema.
    RESPONSES.put(Pattern.compile("used_by\\.json"), new String[] {"/oauth2/refresh_tokens/{id}/used_by/", "get", "200"});
    RESPONSES.put(Pattern.compile("400\\.json"), new String[] {"/oauth2/refresh_tokens/{id}/", "get", "400"});
    RESPONSES.put(Pattern.compile("403\\.json"), new String[] {"/oauth2/refresh_tokens/{id}/", "get", "403"});
    // The schemas omit the 404 real servers send; its body is the 403's GenericError.
    RESPONSES.put(Pattern.compile("404\\.json"), new String[] {"/oauth2/refresh_tokens/{id}/", "get", "403"});
  }

  /** Parsed schemas by release ({@link #CONTRACT} for openapi.yaml): parsing is most of this test's time. */
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private static final String CONTRACT = "openapi.yaml";

  /** Also for FakeReleasesTest, which checks what the test kit's fake sends against the same schemas. */
  static Schema schema(String release) {
    return SCHEMAS.computeIfAbsent(release, r -> r.equals(CONTRACT) ? new Schema() : new Schema(r));
  }

  static Stream<String> releases() {
    return EXPECTED.keySet().stream();
  }

  static Stream<Arguments> fixtures() {
    return releases().flatMap(release -> files(release).stream().map(file -> Arguments.of(release, file)));
  }

  static Stream<Arguments> lists() {
    return releases().flatMap(release -> KINDS.stream().map(kind -> Arguments.of(release, kind)));
  }

  @Test
  void everyReleaseHasItsSchemaAndEveryFixtureFile() throws IOException {
    Set<String> schemas;
    try (Stream<Path> files = Files.list(resource("/upstream"))) {
      schemas = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("oauth2-tokens-"))
          .map(n -> n.substring("oauth2-tokens-".length(), n.length() - ".yml".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(schemas, new TreeSet<>(EXPECTED.keySet()), "releases in expected.json and in upstream/");
    for (String release : EXPECTED.keySet()) {
      assertTrue(files(release).containsAll(REQUIRED_FILES), release + " lacks some of " + REQUIRED_FILES);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void fixtureIsWhatTheReleasesSchemaDefines(String release, String file) {
    String[] response = RESPONSES.entrySet().stream().filter(e -> e.getKey().matcher(file).matches())
        .map(Map.Entry::getValue).findFirst()
        .orElseGet(() -> fail(file + ": no schema known for this file; add it to FixtureSchemaTest.RESPONSES"));

    List<String> violations = schema(release).check(response, parseStrictly(Fixtures.load(release, file)));

    assertEquals(List.of(), violations, release + " " + file + " against " + String.join(" ", response));
  }

  /**
   * The superset: what any release sends is what our contract declares, so every fixture also
   * conforms to openapi.yaml (the 404s included, which our contract lists). The one exception is the
   * documented one: up to 2024.8 {@code redirect_uris} is a newline-separated string, which the SDK
   * reads into the same list.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void fixtureIsWhatOurContractDeclares(String release, String file) {
    String[] response = RESPONSES.entrySet().stream().filter(e -> e.getKey().matcher(file).matches())
        .map(Map.Entry::getValue).findFirst().orElseThrow().clone();
    if (file.equals("404.json")) {
      response[2] = "404";
    }
    JsonElement body = parseStrictly(Fixtures.load(release, file));

    List<String> violations = schema(CONTRACT).check(response, body).stream()
        .filter(v -> !v.matches("\\$(\\.results\\[\\d+])?\\.provider\\.redirect_uris: \".* where an array belongs"))
        .collect(Collectors.toList());

    assertEquals(List.of(), violations, release + " " + file + " against our " + String.join(" ", response));
  }

  /** The checker must itself fail: each of these changes to a valid fixture is a violation at the given path. */
  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of("a property the release does not define", "$.unknown",
            (Consumer<JsonObject>) t -> t.addProperty("unknown", 1)),
        Arguments.of("a property of a later release (2025.10's logout_uri in 2024.2)", "$.provider.logout_uri",
            (Consumer<JsonObject>) t -> t.getAsJsonObject("provider").addProperty("logout_uri", "https://a.example/")),
        Arguments.of("a required property missing", "$.id_token",
            (Consumer<JsonObject>) t -> t.remove("id_token")),
        Arguments.of("null where the release does not allow it", "$.user.groups_obj[0].name",
            (Consumer<JsonObject>) t -> groups(t).get(0).getAsJsonObject().add("name", JsonNull.INSTANCE)),
        Arguments.of("a value outside the enum", "$.provider.client_type",
            (Consumer<JsonObject>) t -> t.getAsJsonObject("provider").addProperty("client_type", "hybrid")),
        Arguments.of("a string where an integer belongs", "$.pk", (Consumer<JsonObject>) t -> t.addProperty("pk", "42")),
        Arguments.of("a fraction where an integer belongs", "$.pk", (Consumer<JsonObject>) t -> t.addProperty("pk", 42.5)),
        Arguments.of("a date-time that is none", "$.expires",
            (Consumer<JsonObject>) t -> t.addProperty("expires", "tomorrow")),
        Arguments.of("a uuid that is none", "$.user.uuid",
            (Consumer<JsonObject>) t -> t.getAsJsonObject("user").addProperty("uuid", "b1665940")),
        Arguments.of("a string over its maxLength", "$.user.username",
            (Consumer<JsonObject>) t -> t.getAsJsonObject("user").addProperty("username", "a".repeat(151))),
        Arguments.of("an object where an array belongs", "$.scope",
            (Consumer<JsonObject>) t -> t.add("scope", new JsonObject())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void checkerReportsWhatTheReleaseDoesNotAllow(String name, String path, Consumer<JsonObject> change) {
    JsonObject token = parseStrictly(Fixtures.load("2024.2.2", "refresh_token.json")).getAsJsonObject();
    Schema schema = schema("2024.2.2");
    String[] response = {"/oauth2/refresh_tokens/{id}/", "get", "200"};
    assertEquals(List.of(), schema.check(response, token), "the fixture itself is valid");

    change.accept(token);

    List<String> violations = schema.check(response, token);
    assertTrue(violations.stream().anyMatch(v -> v.startsWith(path + ":")), () -> name + ": " + violations);
  }

  /**
   * authentik numbers pages from 1; next is the next page's number and 0 on the last page, previous
   * 0 on the first; count, total_pages, start_index and end_index agree with the pages' results.
   * Results come in authentik's default order (provider, then expires), each once.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lists")
  void pagesOfAListAreConsistent(String release, String kind) {
    List<JsonObject> pages = pages(release, kind);
    assertFalse(pages.isEmpty(), release + " has no " + kind + "_page1.json");
    int count = integer(pages.get(0).getAsJsonObject("pagination"), "count");
    int pageSize = pages.size() > 1 ? pages.get(0).getAsJsonArray("results").size() : Math.max(count, 1);
    Set<Integer> pks = new HashSet<>();
    int lastProvider = Integer.MIN_VALUE;
    Instant lastExpires = Instant.MIN;
    int seen = 0;
    for (int n = 1; n <= pages.size(); n++) {
      JsonObject pagination = pages.get(n - 1).getAsJsonObject("pagination");
      JsonArray results = pages.get(n - 1).getAsJsonArray("results");
      String at = release + " " + kind + "_page" + n + ".json: ";
      assertEquals(n, integer(pagination, "current"), at + "current");
      assertEquals(n - 1, integer(pagination, "previous"), at + "previous");
      assertEquals(n < pages.size() ? n + 1 : 0, integer(pagination, "next"), at + "next");
      assertEquals(count, integer(pagination, "count"), at + "count");
      assertEquals(pages.size(), integer(pagination, "total_pages"), at + "total_pages");
      assertEquals(Math.max(1, (count + pageSize - 1) / pageSize), pages.size(), at + "pages for count and page size");
      assertEquals(count == 0 ? 0 : seen + 1, integer(pagination, "start_index"), at + "start_index");
      assertEquals(seen + results.size(), integer(pagination, "end_index"), at + "end_index");
      assertTrue(n == pages.size() ? results.size() >= (count == 0 ? 0 : 1) : results.size() == pageSize,
          at + "results on a page");
      for (JsonElement result : results) {
        JsonObject item = result.getAsJsonObject();
        assertTrue(pks.add(integer(item, "pk")), at + "pk " + item.get("pk") + " twice");
        int provider = integer(item.getAsJsonObject("provider"), "pk");
        Instant expires = OffsetDateTime.parse(item.get("expires").getAsString()).toInstant();
        assertTrue(provider > lastProvider || provider == lastProvider && !expires.isBefore(lastExpires),
            at + "pk " + item.get("pk") + " out of the default order");
        lastProvider = provider;
        lastExpires = expires;
      }
      seen += results.size();
    }
    assertEquals(count, seen, release + " " + kind + ": results on all pages");
  }

  /**
   * Every id_token is what authentik's TokenModelSerializer sends: {@code json.dumps(id_token.to_dict(),
   * indent=4)} of the token's claims (authentik/providers/oauth2/api/tokens.py), IDToken's fields first in
   * their order, unset ones left out, then the scope claims; exp is the token's own expiry.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void idTokensAreTheClaimsAsAuthentikWritesThem(String release) {
    int checked = 0;
    for (String file : files(release)) {
      for (JsonObject token : tokens(parseStrictly(Fixtures.load(release, file)))) {
        if (!token.has("id_token")) {
          continue;
        }
        String at = release + " " + file + " pk " + token.get("pk") + ": ";
        String idToken = token.get("id_token").getAsString();
        JsonObject claims = parseStrictly(idToken).getAsJsonObject();
        assertEquals(pythonJsonDumps(claims), idToken, at + "not json.dumps(claims, indent=4)");
        List<String> keys = new ArrayList<>(claims.keySet());
        List<String> fields = keys.stream().filter(ID_TOKEN_FIELDS::contains).collect(Collectors.toList());
        assertEquals(ID_TOKEN_FIELDS.stream().filter(fields::contains).collect(Collectors.toList()), fields,
            at + "IDToken's fields out of order");
        assertEquals(fields, keys.subList(0, fields.size()), at + "a scope claim before IDToken's fields");
        for (String claim : List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "acr")) {
          assertTrue(claims.has(claim), at + "no " + claim);
        }
        assertTrue(claims.get("iss").getAsString().startsWith("https://auth.example.com/application/o/"), at + "iss");
        JsonElement aud = claims.get("aud");
        assertTrue(aud.isJsonPrimitive() && aud.getAsJsonPrimitive().isString()
            || aud.isJsonArray() && aud.getAsJsonArray().asList().stream().allMatch(a -> a.getAsJsonPrimitive().isString()),
            at + "aud is neither a string nor an array of strings");
        long exp = integer(claims, "exp");
        long iat = integer(claims, "iat");
        assertTrue(integer(claims, "auth_time") <= iat && iat < exp, at + "auth_time <= iat < exp");
        if (!token.get("expires").isJsonNull()) {
          assertEquals(OffsetDateTime.parse(token.get("expires").getAsString()).toEpochSecond(), exp, at + "exp");
        }
        checked++;
      }
    }
    assertTrue(checked >= 10, release + ": only " + checked + " id_tokens");
  }

  /** expected.json's never_leak holds every client_secret and id_token of the release's fixtures. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void neverLeakListsEverySecretOfTheRelease(String release) {
    Set<String> neverLeak = new HashSet<>();
    EXPECTED.getAsJsonObject(release).getAsJsonArray("never_leak").forEach(e -> neverLeak.add(e.getAsString()));
    Set<String> secrets = new TreeSet<>();
    for (String file : files(release)) {
      collectSecrets(parseStrictly(Fixtures.load(release, file)), secrets);
    }

    assertFalse(secrets.isEmpty());
    assertEquals(Set.of(), secrets.stream().filter(s -> !neverLeak.contains(s)).collect(Collectors.toSet()),
        release + ": secrets missing from never_leak");
  }

  /** used_by.json shows every action the release's UsedByActionEnum has, and nothing else. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void usedByShowsEveryActionOfTheRelease(String release) {
    Set<String> actions = new TreeSet<>();
    parseStrictly(Fixtures.load(release, "used_by.json")).getAsJsonArray()
        .forEach(e -> actions.add(e.getAsJsonObject().get("action").getAsString()));

    assertEquals(new TreeSet<>(schema(release).enumValues("UsedByActionEnum")), actions, release);
  }

  /** What expected.json tells a test to assert is what the fixtures hold. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void expectedValuesAreTheFixturesValues(String release) {
    JsonObject expected = EXPECTED.getAsJsonObject(release);
    JsonObject refresh = fixture(release, "refresh_token.json");
    assertEquals(expected.get("id_token_claims"), claims(refresh), release + " id_token_claims");
    JsonObject access = fixture(release, "access_token.json");
    JsonObject expectedAccess = expected.getAsJsonObject("access_token");
    for (String key : List.of("pk", "expires", "is_expired", "revoked", "scope")) {
      assertEquals(expectedAccess.get(key), access.get(key), release + " access_token." + key);
    }
    assertEquals(expectedAccess.get("id_token_claims"), claims(access), release + " access_token.id_token_claims");
    JsonObject code = fixture(release, "authorization_code.json");
    expected.getAsJsonObject("authorization_code").entrySet()
        .forEach(e -> assertEquals(e.getValue(), code.get(e.getKey()), release + " authorization_code." + e.getKey()));
    for (String kind : KINDS) {
      JsonArray lists = expected.getAsJsonObject("lists").getAsJsonArray(kind);
      List<JsonObject> pages = pages(release, kind);
      assertEquals(pages.size(), lists.size(), release + " " + kind + " pages");
      for (int i = 0; i < pages.size(); i++) {
        JsonObject page = lists.get(i).getAsJsonObject();
        assertEquals(kind + "_page" + (i + 1) + ".json", page.get("file").getAsString());
        assertEquals(page.get("pagination"), pages.get(i).get("pagination"), release + " " + page.get("file"));
        JsonArray pks = new JsonArray();
        pages.get(i).getAsJsonArray("results").forEach(r -> pks.add(r.getAsJsonObject().get("pk")));
        assertEquals(page.get("pks"), pks, release + " " + page.get("file") + " pks");
        assertEquals(expected.get("autocomplete").getAsBoolean(), pages.get(i).has("autocomplete"),
            release + " " + page.get("file") + " autocomplete");
      }
    }
    JsonArray usedBy = parseStrictly(Fixtures.load(release, "used_by.json")).getAsJsonArray();
    JsonArray actions = new JsonArray();
    usedBy.forEach(u -> actions.add(u.getAsJsonObject().get("action")));
    assertEquals(expected.getAsJsonObject("used_by").get("count").getAsInt(), usedBy.size(), release + " used_by");
    assertEquals(expected.getAsJsonObject("used_by").get("actions"), actions, release + " used_by actions");
  }

  /** The claims of a token's id_token in expected.json's form: aud always a list, aud_form how it was sent. */
  private static JsonObject claims(JsonObject token) {
    JsonObject claims = JsonParser.parseString(token.get("id_token").getAsString()).getAsJsonObject();
    JsonObject out = new JsonObject();
    out.add("iss", claims.get("iss"));
    out.add("sub", claims.get("sub"));
    JsonElement aud = claims.get("aud");
    JsonArray audiences = new JsonArray();
    if (aud.isJsonArray()) {
      audiences.addAll(aud.getAsJsonArray());
    } else {
      audiences.add(aud);
    }
    out.add("aud", audiences);
    out.addProperty("aud_form", aud.isJsonArray() ? "array" : "string");
    for (String key : List.of("exp", "iat", "auth_time", "amr", "nonce", "at_hash", "sid", "email_verified")) {
      out.add(key, claims.has(key) ? claims.get(key) : JsonNull.INSTANCE);
    }
    return out;
  }

  /** One release's schema document, and the check of a JSON value against a schema of it. */
  static final class Schema {
    private final String release;
    private final Map<String, Object> root;

    Schema(String release) {
      this.release = release;
      try (InputStream in = FixtureSchemaTest.class.getResourceAsStream("/upstream/oauth2-tokens-" + release + ".yml")) {
        assertNotNull(in, "no schema for " + release);
        this.root = new Yaml().load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Our own contract, openapi.yaml. */
    Schema() {
      this.release = CONTRACT;
      try (InputStream in = Files.newInputStream(Path.of("openapi.yaml"))) {
        this.root = new Yaml().load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The violations of {@code value} against the response {path, method, status}; empty when it conforms. */
    List<String> check(String[] response, JsonElement value) {
      Map<String, Object> operation = map(map(map(root.get("paths")).get(response[0])).get(response[1]));
      Object declared = map(operation.get("responses")).get(response[2]);
      assertNotNull(declared, release + ": no " + String.join(" ", response));
      Map<String, Object> schema = map(map(map(resolve(declared).get("content")).get("application/json")).get("schema"));
      List<String> violations = new ArrayList<>();
      check(schema, value, "$", violations);
      return violations;
    }

    List<String> enumValues(String name) {
      List<String> values = new ArrayList<>();
      for (Object value : (List<?>) resolve(Map.of("$ref", "#/components/schemas/" + name)).get("enum")) {
        values.add(String.valueOf(value));
      }
      return values;
    }

    private void check(Map<String, Object> schema, JsonElement value, String at, List<String> violations) {
      if (value.isJsonNull()) {
        if (!nullable(schema)) {
          violations.add(at + ": null, which " + release + " does not allow here");
        }
        return;
      }
      if (schema.containsKey("$ref")) {
        check(resolve(schema), value, at, violations);
        return;
      }
      for (Object part : (List<?>) schema.getOrDefault("allOf", List.of())) {
        check(map(part), value, at, violations);
      }
      Object type = schema.get("type");
      if (type != null) {
        checkType((String) type, schema, value, at, violations);
      }
      if (schema.containsKey("enum")) {
        Set<String> allowed = new HashSet<>();
        ((List<?>) schema.get("enum")).forEach(v -> allowed.add(String.valueOf(v)));
        if (!value.isJsonPrimitive() || !allowed.contains(value.getAsString())) {
          violations.add(at + ": " + value + " is not one of " + allowed);
        }
      }
    }

    private void checkType(String type, Map<String, Object> schema, JsonElement value, String at, List<String> violations) {
      switch (type) {
        case "object":
          if (!value.isJsonObject()) {
            violations.add(at + ": " + describe(value) + " where an object belongs");
            return;
          }
          checkObject(schema, value.getAsJsonObject(), at, violations);
          return;
        case "array":
          if (!value.isJsonArray()) {
            violations.add(at + ": " + describe(value) + " where an array belongs");
            return;
          }
          JsonArray array = value.getAsJsonArray();
          for (int i = 0; i < array.size(); i++) {
            check(map(schema.get("items")), array.get(i), at + "[" + i + "]", violations);
          }
          return;
        case "string":
          if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            violations.add(at + ": " + describe(value) + " where a string belongs");
            return;
          }
          checkString(schema, value.getAsString(), at, violations);
          return;
        case "integer":
          if (!isNumber(value) || !INTEGER.matcher(value.getAsString()).matches()) {
            violations.add(at + ": " + describe(value) + " where an integer belongs");
          }
          return;
        case "number":
          if (!isNumber(value)) {
            violations.add(at + ": " + describe(value) + " where a number belongs");
          }
          return;
        case "boolean":
          if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            violations.add(at + ": " + describe(value) + " where a boolean belongs");
          }
          return;
        default:
          violations.add(at + ": the checker does not know type " + type);
      }
    }

    private void checkObject(Map<String, Object> schema, JsonObject object, String at, List<String> violations) {
      Map<String, Object> properties = map(schema.getOrDefault("properties", Map.of()));
      for (Object required : (List<?>) schema.getOrDefault("required", List.of())) {
        if (!object.has((String) required)) {
          violations.add(at + "." + required + ": required by " + release + ", missing");
        }
      }
      Object additional = schema.get("additionalProperties");
      for (Map.Entry<String, JsonElement> e : object.entrySet()) {
        String where = at + "." + e.getKey();
        if (properties.containsKey(e.getKey())) {
          check(map(properties.get(e.getKey())), e.getValue(), where, violations);
        } else if (additional instanceof Map) {
          check(map(additional), e.getValue(), where, violations);
        } else if (!Boolean.TRUE.equals(additional)) {
          // OpenAPI would allow it; the fixtures may only carry what the release defines.
          violations.add(where + ": not a property " + release + " defines");
        }
      }
    }

    private void checkString(Map<String, Object> schema, String text, String at, List<String> violations) {
      Object maxLength = schema.get("maxLength");
      if (maxLength != null && text.codePointCount(0, text.length()) > ((Number) maxLength).intValue()) {
        violations.add(at + ": longer than maxLength " + maxLength);
      }
      String format = (String) schema.get("format");
      if (format == null) {
        return;
      }
      boolean valid;
      switch (format) {
        case "date-time":
          valid = DATE_TIME.matcher(text).matches() && parses(text);
          break;
        case "uuid":
          valid = UUID_TEXT.matcher(text).matches();
          break;
        case "email":
          valid = EMAIL.matcher(text).matches();
          break;
        case "uri":
          valid = absoluteUri(text);
          break;
        default:
          valid = true; // password and the like constrain nothing
      }
      if (!valid) {
        violations.add(at + ": \"" + text + "\" is not a " + format);
      }
    }

    private boolean nullable(Map<String, Object> schema) {
      return Boolean.TRUE.equals(schema.get("nullable")) || schema.containsKey("$ref") && nullable(resolve(schema));
    }

    /** A {@code $ref}, followed to what it names (components/schemas, components/responses, ...). */
    private Map<String, Object> resolve(Object schema) {
      Map<String, Object> current = map(schema);
      while (current.containsKey("$ref")) {
        String ref = (String) current.get("$ref");
        assertTrue(ref.startsWith("#/"), release + ": external $ref " + ref);
        Object target = root;
        for (String step : ref.substring(2).split("/")) {
          target = map(target).get(step);
          assertNotNull(target, release + ": $ref " + ref + " does not resolve");
        }
        current = map(target);
      }
      return current;
    }
  }

  /** Python's {@code json.dumps(value, indent=4)}: ensure_ascii, ", " and ": " separators, no trailing newline. */
  static String pythonJsonDumps(JsonElement value) {
    StringBuilder out = new StringBuilder();
    dumps(value, 0, out);
    return out.toString();
  }

  private static void dumps(JsonElement value, int depth, StringBuilder out) {
    String indent = "    ".repeat(depth + 1);
    if (value.isJsonObject()) {
      JsonObject object = value.getAsJsonObject();
      if (object.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, JsonElement> e : object.entrySet()) {
        out.append(indent);
        string(e.getKey(), out);
        out.append(": ");
        dumps(e.getValue(), depth + 1, out);
        out.append(++i < object.size() ? ",\n" : "\n");
      }
      out.append("    ".repeat(depth)).append('}');
    } else if (value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      if (array.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < array.size(); i++) {
        out.append(indent);
        dumps(array.get(i), depth + 1, out);
        out.append(i + 1 < array.size() ? ",\n" : "\n");
      }
      out.append("    ".repeat(depth)).append(']');
    } else if (value.isJsonNull()) {
      out.append("null");
    } else if (value.getAsJsonPrimitive().isString()) {
      string(value.getAsString(), out);
    } else {
      out.append(value.getAsString()); // numbers as written, true, false
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** The fixture's tokens: the object itself, or the results of a page. */
  private static List<JsonObject> tokens(JsonElement fixture) {
    List<JsonObject> tokens = new ArrayList<>();
    if (fixture.isJsonObject() && fixture.getAsJsonObject().has("results")) {
      fixture.getAsJsonObject().getAsJsonArray("results").forEach(r -> tokens.add(r.getAsJsonObject()));
    } else if (fixture.isJsonObject() && fixture.getAsJsonObject().has("pk")) {
      tokens.add(fixture.getAsJsonObject());
    }
    return tokens;
  }

  private static void collectSecrets(JsonElement value, Set<String> out) {
    if (value.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
        if ((e.getKey().equals("id_token") || e.getKey().equals("client_secret")) && e.getValue().isJsonPrimitive()) {
          out.add(e.getValue().getAsString());
        } else {
          collectSecrets(e.getValue(), out);
        }
      }
    } else if (value.isJsonArray()) {
      value.getAsJsonArray().forEach(v -> collectSecrets(v, out));
    }
  }

  private static List<JsonObject> pages(String release, String kind) {
    List<JsonObject> pages = new ArrayList<>();
    for (int n = 1; files(release).contains(kind + "_page" + n + ".json"); n++) {
      pages.add(fixture(release, kind + "_page" + n + ".json"));
    }
    return pages;
  }

  private static JsonArray groups(JsonObject token) {
    return token.getAsJsonObject("user").getAsJsonArray("groups_obj");
  }

  private static JsonObject fixture(String release, String file) {
    return parseStrictly(Fixtures.load(release, file)).getAsJsonObject();
  }

  /** Strict JSON, one document and nothing after it. */
  private static JsonElement parseStrictly(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement value = JsonParser.parseReader(reader);
      assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "data after the JSON document");
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int integer(JsonObject object, String key) {
    JsonElement value = object.get(key);
    assertTrue(isNumber(value) && INTEGER.matcher(value.getAsString()).matches(), key + " is not an integer: " + value);
    return value.getAsInt();
  }

  private static boolean isNumber(JsonElement value) {
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  private static boolean parses(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean absoluteUri(String text) {
    try {
      return new URI(text).getScheme() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String describe(JsonElement value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static List<String> files(String release) {
    try (Stream<Path> files = Files.list(resource("/fixtures/" + release))) {
      return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String path) {
    try {
      return Path.of(FixtureSchemaTest.class.getResource(path).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static String text(String path) {
    try (InputStream in = FixtureSchemaTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
