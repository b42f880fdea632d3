package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.IdTokenClaims;
import io.goauthentik.client.model.PaginatedAccessTokenList;
import io.goauthentik.client.model.PaginatedAuthorizationCodeList;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.Pagination;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.UsedByActionEnum;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The twelve OAuth2 token operations against the real shapes of nine releases: list, retrieve,
 * destroy and used_by for refresh tokens, access tokens and authorization codes; and the id_token's
 * claims, read from the JSON document authentik sends (or a JWT's payload).
 */
class TokenSurfaceTest {
  private static final JsonObject EXPECTED = JsonParser.parseString(resource()).getAsJsonObject();

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  static Stream<String> releases() {
    return EXPECTED.keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("releases")
  void retrieveEachKind(String release) throws Exception {
    JsonObject expected = EXPECTED.getAsJsonObject(release);
    JsonObject access = expected.getAsJsonObject("access_token");
    JsonObject code = expected.getAsJsonObject("authorization_code");
    server.enqueue(ok(Fixtures.load(release, "access_token.json")));
    server.enqueue(ok(Fixtures.load(release, "authorization_code.json")));
    server.enqueue(ok(Fixtures.load(release, "refresh_token.json")));

    AccessToken accessToken = client.oauth2().oauth2AccessTokensRetrieve(access.get("pk").getAsInt());
    AuthorizationCode authorizationCode = client.oauth2().oauth2AuthorizationCodesRetrieve(code.get("pk").getAsInt());
    RefreshToken refreshToken = client.oauth2().oauth2RefreshTokensRetrieve(expected.get("pk").getAsInt());

    assertEquals(access.get("pk").getAsInt(), accessToken.getPk());
    assertEquals(OffsetDateTime.parse(access.get("expires").getAsString()), accessToken.getExpires());
    assertEquals(access.get("is_expired").getAsBoolean(), accessToken.getIsExpired());
    assertEquals(access.get("revoked").getAsBoolean(), accessToken.getRevoked());
    assertEquals(strings(access.getAsJsonArray("scope")), accessToken.getScope());
    assertEquals(expected.get("username").getAsString(), accessToken.getUser().getUsername());
    assertClaims(access.getAsJsonObject("id_token_claims"), accessToken.getIdTokenClaims());

    assertEquals(code.get("pk").getAsInt(), authorizationCode.getPk());
    assertEquals(OffsetDateTime.parse(code.get("expires").getAsString()), authorizationCode.getExpires());
    assertEquals(code.get("is_expired").getAsBoolean(), authorizationCode.getIsExpired());
    assertEquals(strings(code.getAsJsonArray("scope")), authorizationCode.getScope());
    assertEquals(expected.get("provider_name").getAsString(), authorizationCode.getProvider().getName());

    assertClaims(expected.getAsJsonObject("id_token_claims"), refreshToken.getIdTokenClaims());
    assertEquals(List.of("/api/v3/oauth2/access_tokens/" + access.get("pk") + "/",
        "/api/v3/oauth2/authorization_codes/" + code.get("pk") + "/",
        "/api/v3/oauth2/refresh_tokens/" + expected.get("pk") + "/"), targets(3));
  }

  @ParameterizedTest
  @MethodSource("releases")
  void theNullsFixturesOfEachKindRead(String release) {
    server.enqueue(ok(Fixtures.load(release, "access_token_nulls.json")));
    server.enqueue(ok(Fixtures.load(release, "authorization_code_nulls.json")));

    AccessToken access = client.oauth2().oauth2AccessTokensRetrieve(1);
    AuthorizationCode code = client.oauth2().oauth2AuthorizationCodesRetrieve(1);

    assertNotNull(access.getPk());
    assertNull(access.getExpires(), "expires is nullable and null here");
    assertNotNull(code.getPk());
    assertNull(code.getExpires());
  }

  @ParameterizedTest
  @MethodSource("releases")
  void listOnePageOfEachKind(String release) throws Exception {
    JsonObject lists = EXPECTED.getAsJsonObject(release).getAsJsonObject("lists");
    JsonObject refresh = lists.getAsJsonArray("refresh_tokens").get(0).getAsJsonObject();
    JsonObject access = lists.getAsJsonArray("access_tokens").get(0).getAsJsonObject();
    JsonObject codes = lists.getAsJsonArray("authorization_codes").get(0).getAsJsonObject();
    server.enqueue(ok(Fixtures.load(release, refresh.get("file").getAsString())));
    server.enqueue(ok(Fixtures.load(release, access.get("file").getAsString())));
    server.enqueue(ok(Fixtures.load(release, codes.get("file").getAsString())));

    PaginatedRefreshTokenList refreshPage = client.oauth2().oauth2RefreshTokensList().user(7).pageSize(2).execute();
    PaginatedAccessTokenList accessPage = client.oauth2().oauth2AccessTokensList().user(7).execute();
    PaginatedAuthorizationCodeList codePage = client.oauth2().oauth2AuthorizationCodesList().user(7).execute();

    assertPage(refresh, refreshPage.getPagination(), pks(refreshPage));
    assertPage(access, accessPage.getPagination(), pks(accessPage));
    assertPage(codes, codePage.getPagination(), pks(codePage));
    boolean autocomplete = EXPECTED.getAsJsonObject(release).get("autocomplete").getAsBoolean();
    assertEquals(autocomplete, refreshPage.getAutocomplete() != null, "autocomplete is sent from 2025.6");
    for (JsonObject list : List.of(refresh, access, codes)) {
      assertEquals(queryOf(list.get("query").getAsString()), queryOf(server.takeRequest(5, TimeUnit.SECONDS).getUrl()
          .query()));
    }
  }

  @ParameterizedTest
  @MethodSource("releases")
  void usedByOfEachKind(String release) throws Exception {
    JsonObject usedBy = EXPECTED.getAsJsonObject(release).getAsJsonObject("used_by");
    String body = Fixtures.load(release, "used_by.json");
    for (int i = 0; i < 3; i++) {
      server.enqueue(ok(body));
    }

    List<List<UsedBy>> answers = List.of(client.oauth2().oauth2RefreshTokensUsedByList(42),
        client.oauth2().oauth2AccessTokensUsedByList(118), client.oauth2().oauth2AuthorizationCodesUsedByList(266));

    for (List<UsedBy> entries : answers) {
      assertEquals(usedBy.get("count").getAsInt(), entries.size());
      assertEquals(strings(usedBy.getAsJsonArray("actions")),
          entries.stream().map(UsedBy::getActionRaw).collect(Collectors.toList()));
      for (UsedBy entry : entries) {
        assertEquals(entry.getActionRaw(), entry.getAction().getValue(), "every action of the release is known");
        assertNotNull(entry.getModelName());
      }
    }
    assertEquals(List.of("/api/v3/oauth2/refresh_tokens/42/used_by/", "/api/v3/oauth2/access_tokens/118/used_by/",
        "/api/v3/oauth2/authorization_codes/266/used_by/"), targets(3));
  }

  @Test
  void anActionOfALaterReleaseReadsAsUnknownWithItsRawValue() {
    server.enqueue(ok("[{\"action\": \"cascade_later\", \"app\": \"authentik_core\", \"model_name\": \"token\","
        + " \"name\": \"x\", \"pk\": \"1\"}]"));

    UsedBy entry = client.oauth2().oauth2RefreshTokensUsedByList(42).get(0);

    assertEquals(UsedByActionEnum.UNKNOWN, entry.getAction());
    assertEquals("cascade_later", entry.getActionRaw());
  }

  @Test
  void destroyEachKindSendsADeleteAndReturnsOn204() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(204).build());
    }

    client.oauth2().oauth2RefreshTokensDestroy(42);
    client.oauth2().oauth2AccessTokensDestroyAsync(118).get(5, TimeUnit.SECONDS);
    client.oauth2().oauth2AuthorizationCodesDestroy(266);

    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      requests.add(request.getMethod() + " " + request.getTarget());
    }
    assertEquals(List.of("DELETE /api/v3/oauth2/refresh_tokens/42/", "DELETE /api/v3/oauth2/access_tokens/118/",
        "DELETE /api/v3/oauth2/authorization_codes/266/"), requests);
  }

  @Test
  void destroyOfATokenThatIsGoneIsNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"detail\": \"No RefreshToken matches the given query.\"}").build());

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensDestroy(42));

    assertEquals("DELETE /api/v3/oauth2/refresh_tokens/42/: 404 No RefreshToken matches the given query.",
        e.getMessage());
  }

  @Test
  void aRequiredParameterLeftNullFailsBeforeAnyRequest() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> client.oauth2().oauth2AccessTokensDestroy(null));

    assertEquals("Parameter 'id' is required and must not be null", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void claimsAreReadFromACompactJwtToo() {
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\": \"abc\", \"aud\": \"client-1\", \"exp\": 1700000000, \"email\": \"jdoe@example.com\"}".getBytes());
    server.enqueue(ok("{\"pk\": 1, \"id_token\": \"eyJhbGciOiJSUzI1NiJ9." + payload + ".c2lnbmF0dXJl\"}"));

    IdTokenClaims claims = client.oauth2().oauth2RefreshTokensRetrieve(1).getIdTokenClaims();

    assertEquals("abc", claims.getSub());
    assertEquals(List.of("client-1"), claims.getAud(), "a single audience is a list of one");
    assertEquals(Instant.ofEpochSecond(1_700_000_000L), claims.getExp());
    assertEquals("jdoe@example.com", claims.get("email"));
  }

  @Test
  void anIdTokenThatIsNotJsonLeavesTheTokenReadable() {
    server.enqueue(ok("{\"pk\": 1, \"id_token\": \"not json at all\", \"scope\": [\"openid\"]}"));
    server.enqueue(ok("{\"pk\": 2, \"id_token\": null}"));

    RefreshToken garbage = client.oauth2().oauth2RefreshTokensRetrieve(1);
    RefreshToken none = client.oauth2().oauth2RefreshTokensRetrieve(2);

    assertEquals(List.of("openid"), garbage.getScope());
    assertNull(garbage.getIdTokenClaims());
    assertNull(none.getIdTokenClaims());
  }

  @Test
  void claimsAndPagesPrintNoSecretAndNoPersonalClaim() {
    String release = "2026.5.6";
    server.enqueue(ok(Fixtures.load(release, "refresh_tokens_page1.json")));

    PaginatedRefreshTokenList page = client.oauth2().oauth2RefreshTokensList().execute();
    IdTokenClaims claims = page.getResults().get(0).getIdTokenClaims();

    for (String text : List.of(page.toString(), claims.toString())) {
      for (JsonElement secret : EXPECTED.getAsJsonObject(release).getAsJsonArray("never_leak")) {
        assertFalse(text.contains(secret.getAsString()), text);
      }
    }
    // The claims beyond the subject, issuer, audience and times are personal: only their names show.
    String shown = claims.toString();
    assertFalse(shown.contains("admin@example.com"), shown);
    assertFalse(shown.contains("authentik Default Admin"), shown);
    assertFalse(shown.contains("Platform Team"), shown);
    assertFalse(shown.contains(String.valueOf(claims.get("nonce"))), shown);
    assertTrue(claims.toString().contains("sub=" + claims.getSub()), claims.toString());
    assertTrue(claims.toString().contains("email"), "the names of the other claims: " + claims);
  }

  private static void assertClaims(JsonObject expected, IdTokenClaims claims) {
    assertNotNull(claims, "the id_token's claims");
    assertEquals(expected.get("sub").getAsString(), claims.getSub());
    assertEquals(expected.get("iss").getAsString(), claims.getIss());
    assertEquals(strings(expected.getAsJsonArray("aud")), claims.getAud());
    assertEquals(Instant.ofEpochSecond(expected.get("exp").getAsLong()), claims.getExp());
    assertEquals(Instant.ofEpochSecond(expected.get("iat").getAsLong()), claims.getIat());
    assertEquals(Instant.ofEpochSecond(expected.get("auth_time").getAsLong()), claims.getAuthTime());
    assertEquals(expected.get("nonce").getAsString(), claims.get("nonce"));
  }

  private static void assertPage(JsonObject expected, Pagination pagination, List<Integer> pks) {
    JsonObject want = expected.getAsJsonObject("pagination");
    assertEquals(want.get("next").getAsInt(), pagination.getNext());
    assertEquals(want.get("previous").getAsInt(), pagination.getPrevious());
    assertEquals(want.get("count").getAsInt(), pagination.getCount());
    assertEquals(want.get("current").getAsInt(), pagination.getCurrent());
    assertEquals(want.get("total_pages").getAsInt(), pagination.getTotalPages());
    assertEquals(want.get("start_index").getAsInt(), pagination.getStartIndex());
    assertEquals(want.get("end_index").getAsInt(), pagination.getEndIndex());
    List<Integer> wantPks = new ArrayList<>();
    expected.getAsJsonArray("pks").forEach(pk -> wantPks.add(pk.getAsInt()));
    assertEquals(wantPks, pks);
  }

  private static List<Integer> pks(Page<?> page) {
    return page.getResults().stream().map(result -> result instanceof RefreshToken ? ((RefreshToken) result).getPk()
        : result instanceof AccessToken ? ((AccessToken) result).getPk() : ((AuthorizationCode) result).getPk())
        .collect(Collectors.toList());
  }

  private static java.util.Set<String> queryOf(String query) {
    return java.util.Set.of(query.split("&"));
  }

  private List<String> targets(int count) throws InterruptedException {
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      targets.add(server.takeRequest(5, TimeUnit.SECONDS).getTarget());
    }
    return targets;
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static String resource() {
    try (var in = TokenSurfaceTest.class.getResourceAsStream("/fixtures/expected.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
