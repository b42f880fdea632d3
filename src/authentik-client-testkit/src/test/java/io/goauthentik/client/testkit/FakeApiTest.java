package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.ServerException;
import io.goauthentik.client.ValidationException;
import io.goauthentik.client.model.Application;
import io.goauthentik.client.model.ApplicationRequest;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.GroupRequest;
import io.goauthentik.client.model.MatchingModeEnum;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.OAuth2ProviderRequest;
import io.goauthentik.client.model.PatchedUserRequest;
import io.goauthentik.client.model.RedirectURIRequest;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserAccountRequest;
import io.goauthentik.client.model.UserPasswordSetRequest;
import io.goauthentik.client.model.UserRequest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fake beyond the OAuth2 grants: storage, behaviour, releases, request bodies and faults, through the SDK. */
class FakeApiTest {
  @Test
  void offboardingFindsDeactivatesAndRevokesWithoutAStub() {
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().build()) {
      int jdoe = fake.addUser("jdoe");
      int grafana = fake.addProvider("Grafana");
      fake.addRefreshToken(jdoe, grafana);
      fake.addRefreshToken(jdoe, grafana);
      fake.addRefreshToken(fake.addUser("alice"), grafana);

      User user = client.core().coreUsersList().username("jdoe").iterateAll().stream().findFirst().orElseThrow();
      client.core().coreUsersPartialUpdate(user.getPk(), PatchedUserRequest.builder().isActive(false).build());
      client.oauth2().oauth2RefreshTokensList().user(user.getPk()).iterateAll().stream()
          .forEach(token -> client.oauth2().oauth2RefreshTokensDestroy(token.getPk()));

      assertFalse(client.core().coreUsersRetrieve(jdoe).getIsActive());
      assertEquals(List.of(), client.oauth2().oauth2RefreshTokensList().user(jdoe).iterateAll().stream()
          .collect(Collectors.toList()));
      assertEquals(1, client.oauth2().oauth2RefreshTokensList().iterateAll().stream().count());
      ReceivedRequest patch = fake.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst().orElseThrow();
      assertEquals("{\"is_active\":false}", patch.body());
    }
  }

  @Test
  void provisioningGroupMembershipApplicationAndProviderReadBack() {
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().build()) {
      int jdoe = fake.addUser("jdoe");
      Group group = client.core().coreGroupsCreate(GroupRequest.builder().name("grafana-users").build());
      client.core().coreGroupsAddUserCreate(group.getPk(), UserAccountRequest.builder().pk(jdoe).build());
      UUID flow = UUID.randomUUID();
      OAuth2Provider provider = client.providers().providersOauth2Create(OAuth2ProviderRequest.builder()
          .name("Grafana").authorizationFlow(flow).invalidationFlow(flow).redirectUris(List.of(RedirectURIRequest.builder()
              .matchingMode(MatchingModeEnum.STRICT).url("https://grafana.example.com/cb").build())).build());
      Application app = client.core().coreApplicationsCreate(ApplicationRequest.builder()
          .name("Grafana").slug("grafana").provider(provider.getPk()).build());

      assertEquals(List.of(jdoe), client.core().coreGroupsRetrieve(group.getPk()).execute().getUsers());
      assertEquals(List.of(group.getPk()), client.core().coreUsersRetrieve(jdoe).getGroups());
      assertEquals(provider.getPk(), client.core().coreApplicationsRetrieve(app.getSlug()).getProvider());
      assertEquals("Grafana", client.providers().providersOauth2Retrieve(provider.getPk()).getName());

      client.core().coreGroupsRemoveUserCreate(group.getPk(), UserAccountRequest.builder().pk(jdoe).build());
      assertEquals(List.of(), client.core().coreUsersRetrieve(jdoe).getGroups());
    }
  }

  @Test
  void aBodyTheReleaseRejectsIsA400WithFieldErrors() throws Exception {
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().maxRetries(0).build()) {
      fake.addUser("jdoe");
      ValidationException taken = assertThrows(ValidationException.class,
          () -> client.core().coreUsersCreate(UserRequest.builder().username("jdoe").name("J").build()));
      assertEquals(400, taken.getCode());
      assertTrue(taken.getResponseBody().contains("{\"username\":[\"A user with that username already exists.\"]}"),
          taken.getResponseBody());

      assertEquals("400 {\"name\":[\"This field is required.\"]}", post(fake, "/core/groups/", "{}"));
      assertEquals("400 {\"is_active\":[\"Must be a valid boolean.\"],\"type\":[\"\\\"robot\\\" is not a valid choice.\"]}",
          post(fake, "/core/users/", "{\"username\":\"bob\",\"name\":\"Bob\",\"is_active\":\"yes\",\"type\":\"robot\"}"));
      assertTrue(post(fake, "/core/groups/", "{\"name\":\"admins\"}").startsWith("201 "));
      assertEquals("400 {\"name\":[\"group with this name already exists.\"]}",
          post(fake, "/core/groups/", "{\"name\":\"admins\"}"));
    }
  }

  /** A POST as any HTTP client sends it, bypassing the SDK's own checks: status and body. */
  private static String post(FakeAuthentik fake, String path, String json) throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.url() + "/api/v3" + path))
            .header("Authorization", "Bearer " + fake.token()).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  @Test
  void unknownIdIs404AndUsersMeIsTheTokensUser() {
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().maxRetries(0).build()) {
      assertThrows(NotFoundException.class, () -> client.core().coreUsersRetrieve(42));
      fake.addUser("alice");
      int admin = fake.newUser("akadmin").superuser(true).add();
      assertEquals(admin, client.core().coreUsersMeRetrieve().getUser().getPk());
      client.core().coreUsersSetPasswordCreate(admin, UserPasswordSetRequest.builder().password("s3cret!").build());
      fake.addToken("ci", admin, "the-key");
      assertEquals("the-key", client.core().coreTokensViewKeyRetrieve("ci").getKey());
    }
  }

  @Test
  void eachReleaseAnswersItsVersionAnd404sWhatItLacks() {
    try (FakeAuthentik old = FakeAuthentik.builder().release("2024.2.2").start();
        AuthentikClient client = old.clientBuilder().maxRetries(0).build();
        AuthentikClient pinnedNewer = old.clientBuilder().maxRetries(0).release("2026.5.6").build()) {
      assertEquals("2024.2.2", client.admin().adminVersionRetrieve().getVersionCurrent());
      // 2024.2 had no RBAC initial permissions, added in 2025.2: a client that knows the release sends nothing,
      assertThrows(io.goauthentik.client.UnsupportedByServerException.class,
          () -> client.rbac().rbacInitialPermissionsList().execute());
      // and one that believes the server newer gets the fake's 404.
      int sent = old.requests().size();
      assertThrows(NotFoundException.class, () -> pinnedNewer.rbac().rbacInitialPermissionsList().execute());
      assertEquals(sent + 1, old.requests().size());
    }
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().build()) {
      assertEquals(FakeAuthentik.releases().get(FakeAuthentik.releases().size() - 1),
          client.admin().adminVersionRetrieve().getVersionCurrent());
    }
  }

  @Test
  void aFaultInjectedAfterAnAlwaysStubFiresAndFaultsMatchAQuery() {
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().maxRetries(0).build()) {
      fake.addUser("jdoe");
      fake.inject(Fault.respond(200, "application/json", "{\"pagination\":{\"next\":0,\"previous\":0,\"count\":0,"
          + "\"current\":1,\"total_pages\":1,\"start_index\":0,\"end_index\":0},\"results\":[]}").always()
          .on("GET", "/api/v3/core/users/?username=nobody"));
      fake.inject(Fault.htmlErrorPage(502).on("GET", "/api/v3/core/users/?username=nobody"));

      assertEquals(502, assertThrows(ServerException.class,
          () -> client.core().coreUsersList().username("nobody").execute()).getCode());
      assertEquals(0, client.core().coreUsersList().username("nobody").execute().getResults().size());
      assertEquals(1, client.core().coreUsersList().username("jdoe").execute().getResults().size());
    }
  }
}
