package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.goauthentik.client.model.ClientTypeEnum;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.IssuerModeEnum;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.SubModeEnum;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserTypeEnum;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 200 in the seed's shape (authentik 2024.6.3, {@code redirect_uris} as a newline-separated
 * string) decodes into a RefreshToken with every field, nested ones included; nullable fields sent
 * as {@code null} read as {@code null}.
 */
class RetrieveTest {
  private static final String RELEASE = "2024.6.3";
  private static final String CLIENT_SECRET = "s3cr3t-KVbpThm71z7zbwyIHi6X5ZhhGyUoygTgV1J6HwJOmyXiCPKrgim4MPVWa0Lo1RYvAjZJNYYyJvbzr"
      + "cStYOgcip47gmpcLGdumnOhKGNEIMyGMhOc1nj6iy1Sl";
  private static final String ID_TOKEN_START = "{\n    \"iss\": \"https://auth.example.com/application/o/nextcloud/\",\n";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik("ak-retrieve-test");
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void topLevelFields() {
    RefreshToken token = retrieve("refresh_token.json");

    assertEquals(42, token.getPk());
    assertEquals(false, token.getIsExpired());
    assertEquals(OffsetDateTime.of(2024, 8, 14, 16, 3, 52, 118_204_000, ZoneOffset.UTC), token.getExpires());
    assertEquals(List.of("openid", "profile", "email", "offline_access"), token.getScope());
    assertTrue(token.getIdToken().startsWith(ID_TOKEN_START), token.getIdToken());
    // The whole id_token (the claims as indented JSON), character for character, as a plain tree parse of the
    // fixture sees it.
    String fixture = Fixtures.load(RELEASE, "refresh_token.json");
    assertEquals(JsonParser.parseString(fixture).getAsJsonObject().get("id_token").getAsString(), token.getIdToken());
    assertEquals(false, token.getRevoked());
  }

  @Test
  void providerWithEveryField() {
    OAuth2Provider provider = retrieve("refresh_token.json").getProvider();

    assertEquals(4, provider.getPk());
    assertEquals("Provider for Nextcloud", provider.getName());
    assertEquals(uuid("a878fdd6-2f09-423f-b019-e44f1e76842b"), provider.getAuthenticationFlow());
    assertEquals(uuid("4cb527ab-0fe1-47ab-8872-d9f2b1da0bf5"), provider.getAuthorizationFlow());
    assertEquals(List.of(uuid("4f6282e1-d45f-42a2-9c3d-61a1bd9b0a39"), uuid("4bd92702-95c9-4064-ac83-97524b58ac69"),
        uuid("13c3e152-e2c8-430b-8703-588056ec0bcb"), uuid("017c2f44-d440-4543-8475-384010bf0d61")),
        provider.getPropertyMappings());
    assertEquals("ak-provider-oauth2-form", provider.getComponent());
    assertEquals("nextcloud", provider.getAssignedApplicationSlug());
    assertEquals("Nextcloud", provider.getAssignedApplicationName());
    assertEquals("nextcloud-sync", provider.getAssignedBackchannelApplicationSlug());
    assertEquals("Nextcloud Sync", provider.getAssignedBackchannelApplicationName());
    assertEquals("OAuth2/OpenID Provider", provider.getVerboseName());
    assertEquals("OAuth2/OpenID Providers", provider.getVerboseNamePlural());
    assertEquals("authentik_providers_oauth2.oauth2provider", provider.getMetaModelName());
    assertEquals(ClientTypeEnum.CONFIDENTIAL, provider.getClientType());
    assertEquals("confidential", provider.getClientTypeRaw());
    assertEquals("UZMV3V0ZzlexHWZZ2gv3yeIXFurYGRXwjfDJjiix", provider.getClientId());
    assertEquals(CLIENT_SECRET, provider.getClientSecret());
    assertEquals("minutes=1", provider.getAccessCodeValidity());
    assertEquals("hours=1", provider.getAccessTokenValidity());
    assertEquals("days=30", provider.getRefreshTokenValidity());
    assertEquals(true, provider.getIncludeClaimsInIdToken());
    assertEquals(uuid("a3a2a92d-3eb4-40a6-acad-5f20ce3939b4"), provider.getSigningKey());
    assertEquals(SubModeEnum.USER_USERNAME, provider.getSubMode());
    assertEquals("user_username", provider.getSubModeRaw());
    assertEquals(IssuerModeEnum.PER_PROVIDER, provider.getIssuerMode());
    assertEquals("per_provider", provider.getIssuerModeRaw());
    assertEquals(List.of(uuid("d0454851-0ef6-4135-9a19-5f15b408fa0d")), provider.getJwksSources());

    // Added by later releases: absent from a 2024.6 server, so null.
    assertNull(provider.getInvalidationFlow());
    assertNull(provider.getGrantTypes());
    assertNull(provider.getGrantTypesRaw());
    assertNull(provider.getRefreshTokenThreshold());
    assertNull(provider.getEncryptionKey());
    assertNull(provider.getBackchannelLogoutUri());
    assertNull(provider.getLogoutUri());
    assertNull(provider.getLogoutMethod());
    assertNull(provider.getLogoutMethodRaw());
    assertNull(provider.getJwtFederationSources());
    assertNull(provider.getJwtFederationProviders());
  }

  @Test
  void legacyRedirectUrisStringBecomesOneRedirectUriPerLine() {
    List<RedirectURI> uris = retrieve("refresh_token.json").getProvider().getRedirectUris();

    assertEquals(2, uris.size());
    assertEquals("https://cloud.example.com/apps/user_oidc/code", uris.get(0).getUrl());
    assertEquals("https://cloud.example.com/index.php/apps/user_oidc/code", uris.get(1).getUrl());
    for (RedirectURI uri : uris) {
      // A 2024.6 server matched each line as a regular expression.
      assertEquals(io.goauthentik.client.model.MatchingModeEnum.REGEX, uri.getMatchingMode());
      assertEquals("regex", uri.getMatchingModeRaw());
      assertNull(uri.getRedirectUriType());
      assertNull(uri.getRedirectUriTypeRaw());
    }
  }

  @Test
  void userWithEveryField() {
    User user = retrieve("refresh_token.json").getUser();

    assertEquals(7, user.getPk());
    assertEquals("akadmin", user.getUsername());
    assertEquals("authentik Default Admin", user.getName());
    assertEquals(true, user.getIsActive());
    assertEquals(OffsetDateTime.of(2024, 7, 15, 16, 3, 40, 551_902_000, ZoneOffset.UTC), user.getLastLogin());
    assertEquals(true, user.getIsSuperuser());
    assertEquals(List.of(uuid("e8b48587-a86d-42e8-94f8-1c251775a4b7"), uuid("d85d8ce2-a012-462c-923e-acd0567e971e")),
        user.getGroups());
    assertEquals("admin@example.com", user.getEmail());
    assertEquals("https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?size=158&rating=g&default=404",
        user.getAvatar());
    assertEquals(Map.of("settings", Map.of("locale", "en")), user.getAttributes());
    assertEquals("3d6c7b2ed6305b9c53e51cd21c63df47d1af993d92c2d9a6ed26341e0eb6f636", user.getUid());
    assertEquals("users", user.getPath());
    assertEquals(UserTypeEnum.INTERNAL, user.getType());
    assertEquals("internal", user.getTypeRaw());
    assertEquals(uuid("b1665940-ba73-4533-ad9a-e14daec9e24f"), user.getUuid());

    // Added by later releases.
    assertNull(user.getDateJoined());
    assertNull(user.getRoles());
    assertNull(user.getRolesObj());
    assertNull(user.getPasswordChangeDate());
    assertNull(user.getLastUpdated());
  }

  @Test
  void groupsObjWithEveryField() {
    List<Group> groups = retrieve("refresh_token.json").getUser().getGroupsObj();

    assertEquals(2, groups.size());
    Group admins = groups.get(0);
    assertEquals(uuid("e8b48587-a86d-42e8-94f8-1c251775a4b7"), admins.getPk());
    assertEquals(30522, admins.getNumPk());
    assertEquals("authentik Admins", admins.getName());
    assertEquals(true, admins.getIsSuperuser());
    assertNull(admins.getParent());
    assertNull(admins.getParentName());
    assertEquals(Map.of(), admins.getAttributes());

    Group platform = groups.get(1);
    assertEquals(uuid("d85d8ce2-a012-462c-923e-acd0567e971e"), platform.getPk());
    assertEquals(61874, platform.getNumPk());
    assertEquals("Platform Team", platform.getName());
    assertEquals(false, platform.getIsSuperuser());
    assertEquals(uuid("ebbf7124-bc3d-44f7-8bab-7d4ec260366f"), platform.getParent());
    assertEquals("Engineering", platform.getParentName());
    assertEquals(Map.of("cost_center", "CC-4711"), platform.getAttributes());
  }

  @Test
  void nullableFieldsSentAsNullReadAsNull() {
    RefreshToken token = retrieve("refresh_token_nulls.json");

    assertNull(token.getExpires());
    assertNull(token.getProvider().getAuthenticationFlow());
    assertNull(token.getProvider().getSigningKey());
    assertNull(token.getUser().getLastLogin());
    assertNull(token.getUser().getGroupsObj());
    // The rest is read as usual.
    assertEquals(42, token.getPk());
    assertEquals(uuid("4cb527ab-0fe1-47ab-8872-d9f2b1da0bf5"), token.getProvider().getAuthorizationFlow());
    assertEquals(2, token.getProvider().getRedirectUris().size());
    assertEquals(2, token.getUser().getGroups().size());
    assertEquals(false, token.getRevoked());
  }

  @Test
  void decodedTokenIsImmutable() {
    RefreshToken token = retrieve("refresh_token.json");

    assertThrows(UnsupportedOperationException.class, () -> token.getScope().add("admin"));
    assertThrows(UnsupportedOperationException.class, () -> token.getProvider().getRedirectUris().clear());
    assertThrows(UnsupportedOperationException.class, () -> token.getUser().getGroupsObj().remove(0));
    assertThrows(UnsupportedOperationException.class, () -> token.getUser().getAttributes().put("x", "y"));
  }

  @Test
  void toStringShowsFieldsButMasksSecrets() {
    String text = retrieve("refresh_token.json").toString();

    assertTrue(text.contains("Provider for Nextcloud"), text);
    assertTrue(text.contains("akadmin"), text);
    assertFalse(text.contains(CLIENT_SECRET), "client_secret leaked");
    assertFalse(text.contains(ID_TOKEN_START), "id_token leaked");
  }

  private RefreshToken retrieve(String file) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load(RELEASE, file)).build());
    return client.oauth2().oauth2RefreshTokensRetrieve(42);
  }

  private static UUID uuid(String text) {
    return UUID.fromString(text);
  }
}
