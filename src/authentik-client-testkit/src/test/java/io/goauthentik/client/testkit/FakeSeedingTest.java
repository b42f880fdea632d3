package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.ClientTypeEnum;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserTypeEnum;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
}
