package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.Application;
import io.goauthentik.client.model.AuthenticationEnum;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.ClientTypeEnum;
import io.goauthentik.client.model.DeniedActionEnum;
import io.goauthentik.client.model.Flow;
import io.goauthentik.client.model.FlowDesignationEnum;
import io.goauthentik.client.model.FlowLayoutEnum;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.IntentEnum;
import io.goauthentik.client.model.PartialUser;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.Token;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserTypeEnum;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seeding builders: what a test sets shows through the SDK, what it does not set has realistic defaults. */
class FakeSeedingTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");

  /** A clock a test moves by hand: the fake reads it when seeding and when answering. */
  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void aGrantsExpiryScopeAndRevokedFlagAreWhatTheTestSets() {
    try (FakeAuthentik fake = FakeAuthentik.builder().clock(clock).start();
        AuthentikClient client = fake.clientBuilder().build()) {
      int jdoe = fake.addUser("jdoe");
      int grafana = fake.addProvider("Grafana");
      int stale = fake.newRefreshToken(jdoe, grafana).expiresAt(NOW.minus(Duration.ofDays(2))).scope("openid", "email")
          .revoked(true).add();
      int forever = fake.newAccessToken(jdoe, grafana).expiresAt(null).scope().add();
      int shortCode = fake.newAuthorizationCode(jdoe, grafana).expiresIn(Duration.ofSeconds(30)).add();
      int usual = fake.addRefreshToken(jdoe, grafana);

      RefreshToken staleToken = client.oauth2().oauth2RefreshTokensRetrieve(stale);
      AccessToken foreverToken = client.oauth2().oauth2AccessTokensRetrieve(forever);
      AuthorizationCode code = client.oauth2().oauth2AuthorizationCodesRetrieve(shortCode);
      RefreshToken usualToken = client.oauth2().oauth2RefreshTokensRetrieve(usual);

      assertEquals(OffsetDateTime.parse("2026-05-30T12:00:00.123456Z"), staleToken.getExpires());
      assertTrue(staleToken.getIsExpired());
      assertTrue(staleToken.getRevoked());
      assertEquals(List.of("openid", "email"), staleToken.getScope());
      assertNull(foreverToken.getExpires());
      assertFalse(foreverToken.getIsExpired());
      assertEquals(List.of(), foreverToken.getScope());
      assertEquals(OffsetDateTime.parse("2026-06-01T12:00:30.123456Z"), code.getExpires());
      assertEquals(OffsetDateTime.parse("2026-07-01T12:00:00.123456Z"), usualToken.getExpires(), "30 days by default");
      assertEquals(List.of("openid", "profile", "email", "offline_access"), usualToken.getScope());
      assertFalse(usualToken.getRevoked());

      now.set(NOW.plus(Duration.ofMinutes(1)));

      assertTrue(client.oauth2().oauth2AuthorizationCodesRetrieve(shortCode).getIsExpired(), "is_expired by the clock");
      assertFalse(client.oauth2().oauth2RefreshTokensRetrieve(usual).getIsExpired());
    }
  }

  @Test
  void aUserWithEverythingATestMayNeed() {
    try (FakeAuthentik fake = FakeAuthentik.builder().clock(clock).start();
        AuthentikClient client = fake.clientBuilder().build()) {
      int jane = fake.newUser("jane").name("Jane Doe").email("jane.doe@example.org").superuser(true).active(false)
          .type(UserTypeEnum.SERVICE_ACCOUNT).lastLogin(null).groups("authentik Admins").groups("Platform Team")
          .roles("Token Auditors").attribute("locale", "de").add();
      int plain = fake.addUser("jdoe");
      int grafana = fake.addProvider("Grafana");

      User user = client.oauth2().oauth2RefreshTokensRetrieve(fake.addRefreshToken(jane, grafana)).getUser();
      User other = client.oauth2().oauth2RefreshTokensRetrieve(fake.addRefreshToken(plain, grafana)).getUser();

      assertEquals(List.of(jane, "jane", "Jane Doe", "jane.doe@example.org", true, false, UserTypeEnum.SERVICE_ACCOUNT),
          List.of(user.getPk(), user.getUsername(), user.getName(), user.getEmail(), user.getIsSuperuser(),
              user.getIsActive(), user.getType()));
      assertNull(user.getLastLogin());
      assertEquals(List.of("authentik Admins", "Platform Team"),
          user.getGroupsObj().stream().map(Group::getName).collect(Collectors.toList()));
      assertEquals("Token Auditors", user.getRolesObj().get(0).getName());
      assertEquals("de", user.getAttributes().get("locale"));
      // The defaults.
      assertEquals(List.of("jdoe", "jdoe@example.com", false, true, UserTypeEnum.INTERNAL),
          List.of(other.getName(), other.getEmail(), other.getIsSuperuser(), other.getIsActive(), other.getType()));
      assertEquals(OffsetDateTime.parse("2026-06-01T11:00:00.123456Z"), other.getLastLogin(), "an hour ago");
      assertEquals(OffsetDateTime.parse("2026-03-03T12:00:00.123456Z"), other.getDateJoined(), "90 days ago");
      assertEquals(List.of(), other.getGroupsObj());
    }
  }

  @Test
  void aProviderWithItsClientAndRedirectUris() {
    try (FakeAuthentik fake = FakeAuthentik.builder().release("2025.10.4").start();
        AuthentikClient client = fake.clientBuilder().build()) {
      int grafana = fake.newProvider("Provider for Grafana").application("Grafana OSS").clientId("grafana")
          .clientSecret("s3cr3t").clientType(ClientTypeEnum.PUBLIC).backchannelApplication("Grafana Sync")
          .redirectUris("https://grafana.example.com/login/generic_oauth").add();
      int jellyfin = fake.addProvider("Jellyfin");
      int jdoe = fake.addUser("jdoe");

      OAuth2Provider provider = client.oauth2().oauth2RefreshTokensRetrieve(fake.addRefreshToken(jdoe, grafana)).getProvider();
      OAuth2Provider plain = client.oauth2().oauth2RefreshTokensRetrieve(fake.addRefreshToken(jdoe, jellyfin)).getProvider();

      assertEquals(List.of("Provider for Grafana", "Grafana OSS", "grafana-oss", "grafana", "s3cr3t", ClientTypeEnum.PUBLIC,
          "grafana-sync"), List.of(provider.getName(), provider.getAssignedApplicationName(),
          provider.getAssignedApplicationSlug(), provider.getClientId(), provider.getClientSecret(), provider.getClientType(),
          provider.getAssignedBackchannelApplicationSlug()));
      assertEquals(List.of("https://grafana.example.com/login/generic_oauth"),
          provider.getRedirectUris().stream().map(RedirectURI::getUrl).collect(Collectors.toList()));
      assertEquals("https://grafana.example.com/logout", provider.getLogoutUri());
      // The defaults.
      assertEquals(List.of("Jellyfin", "jellyfin", ClientTypeEnum.CONFIDENTIAL, 40, 128),
          List.of(plain.getAssignedApplicationName(), plain.getAssignedApplicationSlug(), plain.getClientType(),
              plain.getClientId().length(), plain.getClientSecret().length()));
      assertNull(plain.getAssignedBackchannelApplicationSlug());
      assertEquals("https://jellyfin.example.com/oauth2/callback", plain.getRedirectUris().get(0).getUrl());
    }
  }

  @Test
  void seedsSayWhatIsWrong() {
    try (FakeAuthentik fake = FakeAuthentik.start()) {
      int jdoe = fake.addUser("jdoe");
      int grafana = fake.addProvider("Grafana");
      assertThrows(IllegalStateException.class, () -> fake.newAuthorizationCode(jdoe, grafana).revoked(true));
      assertThrows(IllegalArgumentException.class, () -> fake.newUser("x").groups(" "));
      assertThrows(IllegalArgumentException.class, () -> fake.newUser("x").type(UserTypeEnum.UNKNOWN));
      assertThrows(IllegalArgumentException.class, () -> fake.newProvider("x").redirectUris());
      assertThrows(IllegalArgumentException.class, () -> fake.newProvider("x").clientId(" "));
      assertThrows(IllegalArgumentException.class, () -> fake.newRefreshToken(jdoe, 99).add());
      assertFalse(fake.newProvider("Grafana").clientSecret("s3cr3t").toString().contains("s3cr3t"));
    }
  }

  /** The typed seeds write the fields each release has: the first and the last the kit speaks. */
  static List<String> oldestAndNewest() {
    List<String> releases = FakeAuthentik.releases();
    return List.of(releases.get(0), releases.get(releases.size() - 1));
  }

  @ParameterizedTest
  @MethodSource("oldestAndNewest")
  void aGroupWithItsParentMembersAndAttributes(String release) {
    try (FakeAuthentik fake = FakeAuthentik.builder().release(release).start();
        AuthentikClient client = fake.clientBuilder().build()) {
      int jane = fake.addUser("jane");
      int jdoe = fake.addUser("jdoe");
      String staff = fake.addGroup("staff", jdoe);
      String admins = fake.newGroup("admins").superuser(true).parent(staff).users(jane, jdoe)
          .attributes(Map.of("team", "ops")).add();

      Group group = client.core().coreGroupsRetrieve(UUID.fromString(admins)).execute();
      Group plain = client.core().coreGroupsRetrieve(UUID.fromString(staff)).execute();

      assertEquals(List.of("admins", true, List.of(jane, jdoe), Map.of("team", "ops")),
          List.of(group.getName(), group.getIsSuperuser(), group.getUsers(), group.getAttributes()));
      if (release.equals("2024.2.2")) { // one parent up to 2025.10
        assertEquals(UUID.fromString(staff), group.getParent());
      } else {
        assertEquals(List.of(UUID.fromString(staff)), group.getParents(), "parents from 2025.12");
      }
      assertEquals(List.of("staff", false, List.of(jdoe), Map.of()),
          List.of(plain.getName(), plain.getIsSuperuser(), plain.getUsers(), plain.getAttributes()));
      assertEquals(List.of("jane", "jdoe"),
          group.getUsersObj().stream().map(PartialUser::getUsername).collect(Collectors.toList()));
    }
  }

  @ParameterizedTest
  @MethodSource("oldestAndNewest")
  void anApplicationWithItsProviderAndLibraryFields(String release) {
    try (FakeAuthentik fake = FakeAuthentik.builder().release(release).start();
        AuthentikClient client = fake.clientBuilder().build()) {
      int provider = fake.addProvider("Provider for Grafana");
      String slug = fake.newApplication("Grafana Dashboards").slug("dashboards").provider(provider).group("Monitoring")
          .metaLaunchUrl("https://grafana.example.com").metaDescription("Dashboards").metaPublisher("Grafana Labs")
          .openInNewTab(true).add();
      String plainSlug = fake.newApplication("Jelly Fin").add();

      Application app = client.core().coreApplicationsRetrieve(slug);
      Application plain = client.core().coreApplicationsRetrieve(plainSlug);

      assertEquals(List.of("dashboards", "Grafana Dashboards", provider, "Monitoring", "https://grafana.example.com",
              "Dashboards", "Grafana Labs", true),
          List.of(app.getSlug(), app.getName(), app.getProvider(), app.getGroup(), app.getMetaLaunchUrl(),
              app.getMetaDescription(), app.getMetaPublisher(), app.getOpenInNewTab()));
      assertEquals("jelly-fin", plainSlug, "the slug from the name");
      assertEquals(List.of("Jelly Fin", "", "", false), List.of(plain.getName(), plain.getGroup(),
          plain.getMetaLaunchUrl(), plain.getOpenInNewTab()));
      assertNull(plain.getProvider());
    }
  }

  @ParameterizedTest
  @MethodSource("oldestAndNewest")
  void aFlowWithItsDesignationTitleAndBehaviour(String release) {
    try (FakeAuthentik fake = FakeAuthentik.builder().release(release).start();
        AuthentikClient client = fake.clientBuilder().build()) {
      String slug = fake.newFlow("my-flow").name("My flow").title("Welcome").designation("authorization")
          .authentication("require_authenticated").layout("sidebar_left").deniedAction("continue").add();
      String plainSlug = fake.addFlow("logout", "invalidation");

      Flow flow = client.flows().flowsInstancesRetrieve(slug);
      Flow plain = client.flows().flowsInstancesRetrieve(plainSlug);

      assertEquals(List.of("my-flow", "My flow", "Welcome", FlowDesignationEnum.AUTHORIZATION,
              AuthenticationEnum.REQUIRE_AUTHENTICATED, FlowLayoutEnum.SIDEBAR_LEFT, DeniedActionEnum.CONTINUE),
          List.of(flow.getSlug(), flow.getName(), flow.getTitle(), flow.getDesignation(), flow.getAuthentication(),
              flow.getLayout(), flow.getDeniedAction()));
      assertEquals(List.of("logout", "logout", FlowDesignationEnum.INVALIDATION, AuthenticationEnum.NONE,
              FlowLayoutEnum.STACKED, DeniedActionEnum.MESSAGE_CONTINUE),
          List.of(plain.getName(), plain.getTitle(), plain.getDesignation(), plain.getAuthentication(),
              plain.getLayout(), plain.getDeniedAction()));
      assertEquals(FlowDesignationEnum.AUTHENTICATION,
          client.flows().flowsInstancesRetrieve(fake.newFlow("login").add()).getDesignation(), "the default");
    }
  }

  @ParameterizedTest
  @MethodSource("oldestAndNewest")
  void aTokenWithItsOwnerKeyIntentAndExpiry(String release) {
    try (FakeAuthentik fake = FakeAuthentik.builder().release(release).clock(clock).start();
        AuthentikClient client = fake.clientBuilder().build()) {
      int jane = fake.addUser("jane");
      String ci = fake.newToken("ci").user(jane).key("the-key").intent("app_password").description("CI deployments")
          .expires(Instant.parse("2030-01-01T00:00:00Z")).add();
      String plain = fake.newToken("plain").user(jane).add();

      Token token = client.core().coreTokensRetrieve(ci);
      Token usual = client.core().coreTokensRetrieve(plain);

      assertEquals(List.of("ci", jane, IntentEnum.APP_PASSWORD, "CI deployments", true,
              OffsetDateTime.parse("2030-01-01T00:00:00Z")),
          List.of(token.getIdentifier(), token.getUser(), token.getIntent(), token.getDescription(),
              token.getExpiring(), token.getExpires()));
      assertEquals("the-key", client.core().coreTokensViewKeyRetrieve(ci).getKey());
      assertEquals(List.of(IntentEnum.API, true, OffsetDateTime.parse("2026-06-01T12:30:00.123456Z")),
          List.of(usual.getIntent(), usual.getExpiring(), usual.getExpires()), "30 minutes by default");
      assertFalse(client.core().coreTokensRetrieve(fake.newToken("forever").user(jane).expires(null).add()).getExpiring());
      assertEquals("the-key", client.core().coreTokensViewKeyRetrieve(fake.addToken("short", jane, "the-key")).getKey());
    }
  }

  @Test
  void theTypedSeedsSayWhatIsWrong() {
    try (FakeAuthentik fake = FakeAuthentik.start()) {
      int jane = fake.addUser("jane");
      fake.addGroup("admins");
      IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> fake.newGroup("admins").add());
      assertTrue(taken.getMessage().contains("group with this name already exists"), taken.getMessage());
      assertThrows(IllegalArgumentException.class, () -> fake.newGroup("x").users(99).add());
      assertThrows(IllegalArgumentException.class, () -> fake.newGroup("x").parent(UUID.randomUUID().toString()).add());
      assertThrows(IllegalArgumentException.class, () -> fake.newGroup(" ").add());
      fake.addApplication("Grafana", "grafana");
      assertThrows(IllegalArgumentException.class, () -> fake.newApplication("Grafana 2").slug("grafana").add());
      IllegalArgumentException designation = assertThrows(IllegalArgumentException.class,
          () -> fake.newFlow("f").designation("no-such").add());
      assertTrue(designation.getMessage().contains("designation"), designation.getMessage());
      assertThrows(IllegalStateException.class, () -> fake.newToken("t").add());
      assertThrows(IllegalArgumentException.class, () -> fake.newToken("t").user(99).add());
      assertThrows(IllegalArgumentException.class, () -> fake.newToken("t").user(jane).intent("no-such").add());
      fake.addToken("t", jane, "k");
      IllegalArgumentException token = assertThrows(IllegalArgumentException.class,
          () -> fake.newToken("t").user(jane).key("s3cr3t").add());
      assertFalse(token.getMessage().contains("s3cr3t"), token.getMessage());
      assertFalse(fake.newToken("t").key("s3cr3t").toString().contains("s3cr3t"));
    }
  }
}
