package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.UsedByActionEnum;
import io.goauthentik.client.model.User;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test kit's fake speaks each of the nine releases: for a retrieve, a list and a used_by of each
 * kind, the JSON it sends has exactly the properties (recursively) of that release's fixture, conforms
 * to that release's own schema, and reads through the SDK with the values the fake was seeded with.
 */
class FakeReleasesTest {
  /** Each operation the fake answers, the fixture with its shape, and the schema response it stands for. */
  private static final List<String[]> ANSWERS = List.of(
      new String[] {"/refresh_tokens/1/", "refresh_token.json", "/oauth2/refresh_tokens/{id}/"},
      new String[] {"/access_tokens/1/", "access_token.json", "/oauth2/access_tokens/{id}/"},
      new String[] {"/authorization_codes/1/", "authorization_code.json", "/oauth2/authorization_codes/{id}/"},
      new String[] {"/refresh_tokens/?user=1&page_size=2", "refresh_tokens_page1.json", "/oauth2/refresh_tokens/"},
      new String[] {"/access_tokens/", "access_tokens_page1.json", "/oauth2/access_tokens/"},
      new String[] {"/authorization_codes/", "authorization_codes_page1.json", "/oauth2/authorization_codes/"},
      new String[] {"/refresh_tokens/1/used_by/", "used_by.json", "/oauth2/refresh_tokens/{id}/used_by/"});

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeAuthentik fake;

  static Stream<String> releases() {
    return FakeAuthentik.releases().stream();
  }

  @AfterEach
  void close() {
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void theKitSpeaksTheNineReleasesOfTheFixtures() {
    assertEquals(FixtureSchemaTest.releases().collect(Collectors.toCollection(TreeSet::new)),
        new TreeSet<>(FakeAuthentik.releases()));
    try (FakeAuthentik newest = FakeAuthentik.start()) {
      assertEquals("2026.5.6", newest.release(), "the newest by default");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakeAuthentik.builder().release("2024.8.0"));
    assertTrue(e.getMessage().contains("2024.6.3") && e.getMessage().contains("2024.8.0"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void everyAnswerHasThePropertiesOfTheReleasesFixture(String release) throws Exception {
    seed(release);
    for (String[] answer : ANSWERS) {
      JsonElement fixture = JsonParser.parseString(Fixtures.load(release, answer[1]));
      JsonElement sent = get(answer[0]);

      assertEquals(paths(fixture), paths(sent), release + " " + answer[0] + " against " + answer[1]);
    }
    // The id_token: the claims of the fixture's, in its order (IDToken's fields, then the scope claims).
    for (String kind : List.of("refresh_token", "access_token")) {
      assertEquals(claimNames(JsonParser.parseString(Fixtures.load(release, kind + ".json"))),
          claimNames(get("/" + kind + "s/1/")), release + " " + kind + " id_token claims");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void everyAnswerConformsToTheReleasesSchema(String release) throws Exception {
    seed(release);
    for (String[] answer : ANSWERS) {
      List<String> violations = FixtureSchemaTest.schema(release)
          .check(new String[] {answer[2], "get", "200"}, get(answer[0]));

      assertEquals(List.of(), violations, release + " " + answer[0]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void theSdkReadsWhatTheFakeSends(String release) throws Exception {
    seed(release);
    boolean generic = since(release, "2025.12.6");
    try (AuthentikClient client = fake.clientBuilder().maxRetries(0).build()) {
      RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(1);
      AccessToken access = client.oauth2().oauth2AccessTokensRetrieve(1);
      AuthorizationCode code = client.oauth2().oauth2AuthorizationCodesRetrieve(1);

      User user = token.getUser();
      assertEquals("akadmin", user.getUsername());
      assertEquals(List.of("authentik Admins", "Platform Team"),
          user.getGroupsObj().stream().map(Group::getName).collect(Collectors.toList()));
      assertEquals(generic ? List.of("Token Auditors") : null,
          user.getRolesObj() == null ? null : user.getRolesObj().stream().map(r -> r.getName()).collect(Collectors.toList()));
      assertEquals(since(release, "2025.2.4"), user.getDateJoined() != null, "date_joined since 2025.2");
      assertEquals(since(release, "2025.6.4"), user.getLastUpdated() != null, "last_updated since 2025.6");
      OAuth2Provider provider = token.getProvider();
      assertEquals("Provider for Grafana", provider.getName());
      assertEquals("grafana-sync", provider.getAssignedBackchannelApplicationSlug());
      if (generic) {
        assertNull(provider.getClientId(), "the generic Provider has no OAuth2 fields");
        assertNull(provider.getRedirectUris());
      } else {
        assertEquals("grafana", provider.getClientId());
        List<RedirectURI> uris = provider.getRedirectUris();
        assertEquals(List.of("https://grafana.example.com/login/generic_oauth", "https://grafana-staging.example.com/login"),
            uris.stream().map(RedirectURI::getUrl).collect(Collectors.toList()));
        // Up to 2024.8 one newline-separated string of regular expressions, read into items of mode regex.
        assertEquals(!since(release, "2024.10.5") ? "regex" : "strict", uris.get(0).getMatchingModeRaw());
      }
      assertEquals("grafana", token.getIdTokenClaims().getAud().get(0));
      assertEquals(List.of("openid", "email"), access.getScope());
      assertTrue(access.getRevoked());
      assertNull(code.getExpires());
      assertFalse(code.getIsExpired());
      assertEquals(3, client.oauth2().oauth2RefreshTokensList().user(1).pageSize(2).iterateAll().stream().count());
      assertEquals(since(release, "2025.6.4"),
          client.oauth2().oauth2RefreshTokensList().execute().getAutocomplete() != null, "autocomplete since 2025.6");
      List<UsedBy> usedBy = client.oauth2().oauth2RefreshTokensUsedByList(1);
      assertEquals(generic ? List.of(UsedByActionEnum.CASCADE, UsedByActionEnum.LEFT_DANGLING)
          : List.of(UsedByActionEnum.CASCADE), usedBy.stream().map(UsedBy::getAction).collect(Collectors.toList()));
    }
  }

  @Test
  void aUsedByActionTheReleaseDoesNotKnowIsRefused() {
    fake = FakeAuthentik.builder().release("2025.10.4").start();
    int id = fake.addRefreshToken(fake.addUser("jdoe"), fake.addProvider("Grafana"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fake.addUsedBy(
        TokenKind.REFRESH_TOKEN, id, TestModels.usedBy().action(UsedByActionEnum.LEFT_DANGLING)));

    assertTrue(e.getMessage().contains("left_dangling came with 2025.12"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> fake.addUsedBy(TokenKind.ACCESS_TOKEN, 99, TestModels.usedBy()), "no such access token");
  }

  @Test
  void deletingAGrantDeletesWhatRefersToIt() throws Exception {
    fake = FakeAuthentik.start();
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    int first = fake.addAuthorizationCode(jdoe, grafana);
    fake.addUsedBy(TokenKind.AUTHORIZATION_CODE, first, TestModels.usedBy());
    try (AuthentikClient client = fake.clientBuilder().build()) {
      assertEquals(1, client.oauth2().oauth2AuthorizationCodesUsedByList(first).size());

      client.oauth2().oauth2AuthorizationCodesDestroy(first);

      assertThrows(NotFoundException.class, () -> client.oauth2().oauth2AuthorizationCodesUsedByList(first));
    }
  }

  /**
   * What the fixtures hold, in the fake: user akadmin in two groups with a role, a provider with a
   * backchannel application (releases up to 2025.6 require one) and two redirect URIs, three refresh
   * tokens, a revoked access token, a code that never expires, and used_by entries of every action
   * the release knows.
   */
  private void seed(String release) {
    fake = FakeAuthentik.builder().release(release).start();
    int akadmin = fake.newUser("akadmin").name("authentik Default Admin").superuser(true)
        .groups("authentik Admins", "Platform Team").roles("Token Auditors").attribute("locale", "en").add();
    int grafana = fake.newProvider("Provider for Grafana").backchannelApplication("Grafana Sync").clientId("grafana")
        .redirectUris("https://grafana.example.com/login/generic_oauth", "https://grafana-staging.example.com/login")
        .add();
    for (int i = 0; i < 3; i++) {
      fake.addRefreshToken(akadmin, grafana);
    }
    fake.newAccessToken(akadmin, grafana).scope("openid", "email").revoked(true).add();
    fake.newAuthorizationCode(akadmin, grafana).expiresAt(null).add();
    fake.addUsedBy(TokenKind.REFRESH_TOKEN, 1, TestModels.usedBy());
    if (since(release, "2025.12.6")) {
      fake.addUsedBy(TokenKind.REFRESH_TOKEN, 1, TestModels.usedBy().action(UsedByActionEnum.LEFT_DANGLING));
    }
  }

  private static boolean since(String release, String first) {
    return FakeAuthentik.releases().indexOf(release) >= FakeAuthentik.releases().indexOf(first);
  }

  private JsonElement get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fake.url() + "/api/v3/oauth2" + path))
        .header("Authorization", "Bearer " + fake.token()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JsonParser.parseString(response.body());
  }

  /** Every property's path, arrays as {@code []}; free-form {@code attributes} count, their keys do not. */
  private static Set<String> paths(JsonElement value) {
    Set<String> paths = new TreeSet<>();
    collect(value, "$", paths);
    return paths;
  }

  private static void collect(JsonElement value, String at, Set<String> paths) {
    if (value.isJsonObject()) {
      for (Map.Entry<String, JsonElement> property : value.getAsJsonObject().entrySet()) {
        String path = at + "." + property.getKey();
        paths.add(path);
        if (!property.getKey().equals("attributes")) {
          collect(property.getValue(), path, paths);
        }
      }
    } else if (value.isJsonArray()) {
      value.getAsJsonArray().forEach(item -> collect(item, at + "[]", paths));
    }
  }

  private static List<String> claimNames(JsonElement token) {
    JsonObject claims = JsonParser.parseString(token.getAsJsonObject().get("id_token").getAsString()).getAsJsonObject();
    assertNotNull(claims);
    return new ArrayList<>(claims.keySet());
  }
}
