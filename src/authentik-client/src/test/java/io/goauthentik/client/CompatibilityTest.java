package io.goauthentik.client;

import static io.goauthentik.client.ModelAssertions.assertMatches;
import static io.goauthentik.client.ModelAssertions.modelAt;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.goauthentik.client.model.MatchingModeEnum;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * One SDK reads what each of nine authentik releases (2024.2.2 to 2026.5.6) sends for a refresh
 * token: the fixtures in src/test/resources/fixtures, checked against the values in expected.json.
 */
class CompatibilityTest {
  private static final JsonObject EXPECTED = JsonParser.parseString(readExpected()).getAsJsonObject();

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik("test-token");
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  static Stream<String> releases() {
    return EXPECTED.keySet().stream();
  }

  static Stream<String> genericProviderReleases() {
    return releases().filter(r -> expected(r).get("provider_schema").getAsString().equals("Provider"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void readsTheReleasesRefreshToken(String release) throws InterruptedException {
    JsonObject expected = expected(release);
    int pk = expected.get("pk").getAsInt();

    RefreshToken token = retrieve(Fixtures.load(release, "refresh_token.json"), pk);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v3/oauth2/refresh_tokens/" + pk + "/", request.getTarget());
    assertAll(
        () -> assertEquals(pk, token.getPk()),
        () -> assertEquals(expected.get("user_pk").getAsInt(), token.getUser().getPk()),
        () -> assertEquals(expected.get("username").getAsString(), token.getUser().getUsername()),
        () -> assertEquals(expected.get("provider_name").getAsString(), token.getProvider().getName()),
        () -> assertEquals(strings(expected.getAsJsonArray("scope")), token.getScope()),
        () -> assertEquals(OffsetDateTime.parse(expected.get("expires").getAsString()), token.getExpires()),
        () -> assertEquals(expected.get("revoked").getAsBoolean(), token.getRevoked()),
        () -> assertEquals(expected.get("is_expired").getAsBoolean(), token.getIsExpired()),
        () -> assertEquals(redirectUrls(expected), urls(token.getProvider().getRedirectUris())));
    for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject("release_specific").entrySet()) {
      assertMatches(e.getValue(), modelAt(token, e.getKey()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void everyPropertyTheReleaseSendsReachesTheCaller(String release) {
    String body = Fixtures.load(release, "refresh_token.json");

    assertMatches(JsonParser.parseString(body), retrieve(body, 42));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void readsTheReleasesNullableFieldsAsNull(String release) {
    String body = Fixtures.load(release, "refresh_token_nulls.json");

    RefreshToken token = retrieve(body, 42);

    assertNull(token.getExpires());
    assertNull(token.getUser().getLastLogin());
    assertNull(token.getProvider().getAuthenticationFlow());
    assertMatches(JsonParser.parseString(body), token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("genericProviderReleases")
  void genericProviderReadsAsOAuth2ProviderWithoutTheOAuth2Fields(String release) {
    OAuth2Provider provider = retrieve(Fixtures.load(release, "refresh_token.json"), 42).getProvider();

    assertEquals(expected(release).get("provider_name").getAsString(), provider.getName());
    assertNotNull(provider.getPk());
    assertAll(
        () -> assertNull(provider.getClientType()),
        () -> assertNull(provider.getClientTypeRaw()),
        () -> assertNull(provider.getClientId()),
        () -> assertNull(provider.getClientSecret()),
        () -> assertNull(provider.getRedirectUris()),
        () -> assertNull(provider.getGrantTypes()),
        () -> assertNull(provider.getSubMode()),
        () -> assertNull(provider.getIssuerMode()),
        () -> assertNull(provider.getSigningKey()),
        () -> assertNull(provider.getAccessTokenValidity()),
        () -> assertNull(provider.getJwtFederationSources()));
  }

  @Test
  void redirectUrisReadTheSameAsNewlineSeparatedStringAndAsArray() {
    JsonObject token = JsonParser.parseString(Fixtures.load("2024.10.5", "refresh_token.json")).getAsJsonObject();
    JsonObject provider = token.getAsJsonObject("provider");
    List<RedirectURI> fromArray = retrieve(token.toString(), 42).getProvider().getRedirectUris();
    List<String> urls = urls(fromArray);
    // The 2024.8 form of the same list, with the blank line and CRLF that form allowed.
    provider.add("redirect_uris", new JsonPrimitive(String.join("\r\n", urls) + "\n\n"));

    List<RedirectURI> fromString = retrieve(token.toString(), 42).getProvider().getRedirectUris();

    assertEquals(List.of(MatchingModeEnum.STRICT, MatchingModeEnum.REGEX),
        fromArray.stream().map(RedirectURI::getMatchingMode).collect(Collectors.toList()));
    assertEquals(urls, urls(fromString));
    // Servers of the string form matched each line as a regular expression.
    fromString.forEach(uri -> assertEquals(MatchingModeEnum.REGEX, uri.getMatchingMode()));
  }

  /**
   * The superset contract: for every property the release's own schema declares on the token and
   * the models inside it, our model has a getter of a type that holds it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void contractExpressesEveryPropertyTheReleasesSchemaDeclares(String release) throws IOException {
    Map<String, Object> schemas;
    try (InputStream in = CompatibilityTest.class.getResourceAsStream("/upstream/oauth2-tokens-" + release + ".yml")) {
      schemas = child(child(new Yaml().load(in), "components"), "schemas");
    }
    List<String> gaps = new ArrayList<>();

    checkModel(schemas, "TokenModel", RefreshToken.class, "$", gaps);

    assertEquals(List.of(), gaps, release + ": properties our contract cannot express");
  }

  private static void checkModel(Map<String, Object> schemas, String name, Class<?> model, String path, List<String> gaps) {
    child(child(schemas, name), "properties").forEach((property, schema) -> {
      String at = path + "." + property;
      Method getter = Arrays.stream(model.getDeclaredMethods())
          .filter(m -> m.getName().equals("get" + camel(property))).findFirst().orElse(null);
      if (getter == null) {
        gaps.add(at + " (" + name + "): no getter");
      } else if (at.endsWith(".redirect_uris") && "string".equals(child(schema).get("type"))) {
        // Up to 2024.8 a newline-separated string, read into the same list as the later array.
        checkType(getter.getReturnType() == List.class, at, gaps);
      } else {
        checkValue(schemas, child(schema), getter.getReturnType(), getter.getGenericReturnType(), at, gaps);
      }
    });
  }

  private static void checkValue(Map<String, Object> schemas, Map<String, Object> schema, Class<?> type,
      java.lang.reflect.Type generic, String at, List<String> gaps) {
    Object ref = schema.containsKey("allOf") // drf-spectacular wraps a described $ref in allOf
        ? child(((List<?>) schema.get("allOf")).get(0)).get("$ref")
        : schema.get("$ref");
    if (ref != null) {
      String target = ((String) ref).substring("#/components/schemas/".length());
      if (child(schemas, target).containsKey("enum")) {
        checkType(type.isEnum(), at, gaps);
      } else {
        checkModel(schemas, target, type, at, gaps);
      }
      return;
    }
    String format = (String) schema.get("format");
    switch ((String) schema.get("type")) {
      case "string":
        checkType(type == ("date-time".equals(format) ? OffsetDateTime.class : "uuid".equals(format) ? UUID.class
            : String.class), at, gaps);
        break;
      case "integer":
        checkType(type == Integer.class || type == Long.class, at, gaps);
        break;
      case "boolean":
        checkType(type == Boolean.class, at, gaps);
        break;
      case "array":
        java.lang.reflect.Type item = ((ParameterizedType) generic).getActualTypeArguments()[0];
        checkType(type == List.class, at, gaps);
        checkValue(schemas, child(schema, "items"), (Class<?>) item, item, at + "[]", gaps);
        break;
      case "object":
        checkType(type == Map.class, at, gaps);
        break;
      default:
        gaps.add(at + ": type " + schema.get("type"));
    }
  }

  private static void checkType(boolean fits, String at, List<String> gaps) {
    if (!fits) {
      gaps.add(at + ": our type cannot hold the release's");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Object map, String key) {
    return (Map<String, Object>) ((Map<String, Object>) map).getOrDefault(key, Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Object map) {
    return (Map<String, Object>) map;
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.split("_")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  private RefreshToken retrieve(String body, int id) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build());
    return client.oauth2().oauth2RefreshTokensRetrieve(id);
  }

  private static JsonObject expected(String release) {
    return EXPECTED.getAsJsonObject(release);
  }

  private static List<String> redirectUrls(JsonObject expected) {
    JsonElement uris = expected.get("redirect_uris");
    return uris.isJsonNull() ? null : strings(uris.getAsJsonArray());
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static List<String> urls(List<RedirectURI> uris) {
    return uris == null ? null : uris.stream().map(RedirectURI::getUrl).collect(Collectors.toList());
  }

  private static String readExpected() {
    try (InputStream in = CompatibilityTest.class.getResourceAsStream("/fixtures/expected.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
