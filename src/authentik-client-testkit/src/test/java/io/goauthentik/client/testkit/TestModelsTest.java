package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.ClientTypeEnum;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.PaginatedAuthorizationCodeList;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.Pagination;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.Role;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.UsedByActionEnum;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserTypeEnum;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The model builders make real SDK instances, without a server, with realistic defaults and what a test sets. */
class TestModelsTest {
  @Test
  void aRefreshTokenWithTheDefaultsIsWhatAServerWouldSend() {
    RefreshToken token = TestModels.refreshToken().build();

    assertEquals(42, token.getPk());
    assertEquals("jdoe", token.getUser().getUsername());
    assertEquals("Provider for Grafana", token.getProvider().getName());
    assertEquals(List.of("openid", "profile", "email", "offline_access"), token.getScope());
    assertFalse(token.getIsExpired());
    assertFalse(token.getRevoked());
    assertTrue(token.getExpires().isAfter(OffsetDateTime.now().plusDays(29)), "30 days from now");
    // The id_token is the claims document authentik writes, for this user and provider.
    assertEquals(token.getUser().getUid(), token.getIdTokenClaims().getSub());
    assertEquals(List.of(token.getProvider().getClientId()), token.getIdTokenClaims().getAud());
    assertEquals("https://authentik.example.com/application/o/grafana/", token.getIdTokenClaims().getIss());
    assertEquals(token.getExpires().toEpochSecond(), token.getIdTokenClaims().getExp().getEpochSecond());
  }

  @Test
  void theExampleOfTheIssueReadsAsItSays() {
    RefreshToken token = TestModels.refreshToken().pk(7).user(TestModels.user().username("alice")).build();

    assertEquals(7, token.getPk());
    assertEquals("alice", token.getUser().getUsername());
    assertEquals("alice", token.getUser().getName(), "the name follows the username unless set");
    assertEquals("alice@example.com", token.getUser().getEmail());
    assertEquals("alice", token.getIdTokenClaims().get("preferred_username"));
  }

  @Test
  void settersChangeWhatTheySayAndIsExpiredFollowsExpires() {
    OffsetDateTime yesterday = OffsetDateTime.of(2026, 5, 31, 22, 15, 0, 123_456_000, ZoneOffset.ofHours(2));

    AccessToken token = TestModels.accessToken().pk(118).expires(yesterday).scope("openid").revoked(true)
        .provider(TestModels.provider().name("Provider for Jellyfin").application("Jellyfin").clientId("jellyfin"))
        .build();

    assertEquals(118, token.getPk());
    assertEquals(yesterday, token.getExpires(), "the offset is kept");
    assertTrue(token.getIsExpired());
    assertTrue(token.getRevoked());
    assertEquals(List.of("openid"), token.getScope());
    assertEquals("jellyfin", token.getProvider().getAssignedApplicationSlug());
    assertEquals(List.of("jellyfin"), token.getIdTokenClaims().getAud());
    assertFalse(TestModels.accessToken().expires(yesterday).expired(false).build().getIsExpired(), "set: kept");
    assertNull(TestModels.accessToken().expires(null).build().getExpires(), "never expires");
    assertFalse(TestModels.accessToken().expires(null).build().getIsExpired());
  }

  @Test
  void anAuthorizationCodeHasNoIdTokenNorRevoked() {
    AuthorizationCode code = TestModels.authorizationCode().build();

    assertEquals(266, code.getPk());
    assertTrue(code.getExpires().isBefore(OffsetDateTime.now().plusMinutes(2)), "a minute");
    JsonObject json = JsonParser.parseString(TestModels.authorizationCode().toJson()).getAsJsonObject();
    assertEquals(List.of("pk", "provider", "user", "is_expired", "expires", "scope"), List.copyOf(json.keySet()));
  }

  @Test
  void aUserWithGroupsRolesAndAttributes() {
    User user = TestModels.user().pk(9).username("jdoe").name("Jane Doe").superuser(true)
        .type(UserTypeEnum.SERVICE_ACCOUNT).active(false).lastLogin(null)
        .groups(TestModels.group().name("authentik Admins").superuser(true),
            TestModels.group().name("Platform Team").parent(TestModels.group().name("Engineering")))
        .roles(TestModels.role().name("Token Auditors"))
        .attribute("locale", "en").attribute("quota", 5)
        .build();

    assertEquals(9, user.getPk());
    assertTrue(user.getIsSuperuser());
    assertFalse(user.getIsActive());
    assertNull(user.getLastLogin());
    assertEquals(UserTypeEnum.SERVICE_ACCOUNT, user.getType());
    List<Group> groups = user.getGroupsObj();
    assertEquals(List.of("authentik Admins", "Platform Team"), groups.stream().map(Group::getName).collect(Collectors.toList()));
    assertEquals(groups.stream().map(Group::getPk).collect(Collectors.toList()), user.getGroups());
    assertEquals("Engineering", groups.get(1).getParentName());
    assertEquals(groups.get(1).getParent(), TestModels.group().name("Engineering").build().getPk());
    assertEquals(List.of("Token Auditors"), user.getRolesObj().stream().map(Role::getName).collect(Collectors.toList()));
    assertEquals("en", user.getAttributes().get("locale"));
    assertEquals(1, user.getAttributes().size() - 1, "two attributes");
    assertThrows(UnsupportedOperationException.class, () -> user.getGroupsObj().clear(), "a real, immutable model");
  }

  @Test
  void aProviderAndItsGenericForm() {
    OAuth2Provider provider = TestModels.provider().clientType(ClientTypeEnum.PUBLIC)
        .redirectUris("https://a.example.com/cb", "https://b.example.com/cb").clientSecret("s3cr3t").build();
    OAuth2Provider generic = TestModels.provider().generic().build();

    assertEquals(ClientTypeEnum.PUBLIC, provider.getClientType());
    assertEquals(List.of("https://a.example.com/cb", "https://b.example.com/cb"),
        provider.getRedirectUris().stream().map(RedirectURI::getUrl).collect(Collectors.toList()));
    assertEquals("s3cr3t", provider.getClientSecret());
    assertFalse(provider.toString().contains("s3cr3t"), "the model masks it");
    assertEquals("Provider for Grafana", generic.getName());
    assertNull(generic.getClientId());
    assertNull(generic.getRedirectUris());
    assertNull(generic.getClientType());
    assertFalse(TestModels.provider().generic().toJson().contains("client_secret"));
  }

  @Test
  void setAndRemoveReachAnyPropertyAsAServerOfAnotherReleaseSendsIt() {
    OAuth2Provider old = TestModels.provider().set("redirect_uris", "https://a.example.com/cb\nhttps://b.example.com/cb")
        .set("client_type", "hybrid").build();
    User older = TestModels.user().remove("last_updated").remove("roles_obj").build();

    assertEquals(2, old.getRedirectUris().size(), "the pre-2024.10 string form");
    assertEquals(ClientTypeEnum.UNKNOWN, old.getClientType());
    assertEquals("hybrid", old.getClientTypeRaw());
    assertNull(older.getLastUpdated());
    assertNull(older.getRolesObj());
    RefreshToken withoutUser = TestModels.refreshToken().set("user", null).build();
    assertNull(withoutUser.getUser(), "set wins over the nested builder");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestModels.refreshToken().set("pk", "forty-two").build());
    assertTrue(e.getMessage().contains("does not read as the model"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TestModels.user().set("pk", new Object()));
    assertThrows(IllegalArgumentException.class, () -> TestModels.user().type(UserTypeEnum.UNKNOWN));
  }

  @Test
  void usedByWithEveryAction() {
    UsedBy usedBy = TestModels.usedBy().object("authentik_core", "user", "7", "jdoe")
        .action(UsedByActionEnum.LEFT_DANGLING).build();
    UsedBy unknown = TestModels.usedBy().set("action", "set_later").build();

    assertEquals("user", usedBy.getModelName());
    assertEquals(UsedByActionEnum.LEFT_DANGLING, usedBy.getAction());
    assertEquals(UsedByActionEnum.UNKNOWN, unknown.getAction());
    assertEquals("set_later", unknown.getActionRaw());
  }

  @Test
  void aPageComputesItsPaginationAsAuthentikDoes() {
    PaginatedRefreshTokenList middle = TestModels.refreshTokenPage()
        .results(TestModels.refreshToken().pk(3), TestModels.refreshToken().pk(4)).page(2).pageSize(2).count(5).build();
    PaginatedAuthorizationCodeList empty = TestModels.authorizationCodePage().build();

    assertEquals(List.of(3, 4), middle.getResults().stream().map(RefreshToken::getPk).collect(Collectors.toList()));
    assertPagination(middle.getPagination(), 3, 1, 5, 2, 3, 3, 4);
    assertPagination(empty.getPagination(), 0, 0, 0, 1, 1, 0, 0);
    assertEquals(1, TestModels.accessTokenPage().results(TestModels.accessToken()).build().getPagination().getCount());
  }

  @Test
  void eachBuildIsANewEqualValueAndTheJsonIsWhatItReads() {
    var builder = TestModels.refreshToken().user(TestModels.user().groups(TestModels.group()));
    String json = builder.toJson();

    RefreshToken one = builder.build();
    RefreshToken two = builder.build();

    assertNotSame(one, two);
    assertEquals(one, two);
    assertEquals(JsonParser.parseString(json), JsonParser.parseString(builder.toJson()));
    assertTrue(json.startsWith("{\"pk\":42,\"provider\":{\"pk\":3,"), json);
    assertEquals(UUID.nameUUIDFromBytes("group-Platform Team".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        one.getUser().getGroupsObj().get(0).getPk(), "ids derived from names: the same every run");
  }

  private static void assertPagination(Pagination p, int next, int previous, int count, int current, int totalPages,
      int startIndex, int endIndex) {
    assertEquals(List.of(next, previous, count, current, totalPages, startIndex, endIndex),
        List.of(p.getNext(), p.getPrevious(), p.getCount(), p.getCurrent(), p.getTotalPages(), p.getStartIndex(),
            p.getEndIndex()), "next, previous, count, current, total_pages, start_index, end_index");
  }
}
