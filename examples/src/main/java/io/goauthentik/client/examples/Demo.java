package io.goauthentik.client.examples;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RedirectURI;
import io.goauthentik.client.model.RefreshToken;

/**
 * Retrieves a refresh token, prints it (secrets masked), then shows the typed exceptions for a
 * missing id and a wrong API token.
 *
 * <p>With {@code AUTHENTIK_URL} and {@code AUTHENTIK_TOKEN} set it talks to that server and reads the
 * token id from {@code AUTHENTIK_REFRESH_TOKEN_ID} (default 1); otherwise it starts an embedded fake
 * authentik on loopback.
 */
public final class Demo {
  private static final String FAKE_TOKEN = "demo-api-token";

  private Demo() {
  }

  public static void main(String[] args) {
    if (System.getenv("AUTHENTIK_URL") != null) {
      try (AuthentikClient client = AuthentikClient.fromEnv()) {
        String id = System.getenv().getOrDefault("AUTHENTIK_REFRESH_TOKEN_ID", "1");
        run(client, Integer.parseInt(id), null);
      }
      return;
    }
    try (FakeAuthentik fake = new FakeAuthentik(FAKE_TOKEN);
        AuthentikClient client = AuthentikClient.builder().baseUrl(fake.url()).token(FAKE_TOKEN).build()) {
      System.out.println("AUTHENTIK_URL is not set: using an embedded fake authentik at " + fake.url());
      run(client, 42, fake.url());
    }
  }

  private static void run(AuthentikClient client, int id, String fakeUrl) {
    System.out.println();
    System.out.println("1. Retrieve refresh token " + id + " from " + client.baseUrl());
    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(id);
    System.out.println("   user:     " + token.getUser().getUsername() + " (pk " + token.getUser().getPk() + ")");
    OAuth2Provider provider = token.getProvider();
    System.out.println("   provider: " + provider.getName() + " (client type " + provider.getClientType() + ")");
    if (provider.getRedirectUris() != null) {
      for (RedirectURI uri : provider.getRedirectUris()) {
        System.out.println("             redirect " + uri.getMatchingMode() + " " + uri.getUrl());
      }
    }
    System.out.println("   scope:    " + token.getScope());
    System.out.println("   expires:  " + token.getExpires() + (Boolean.TRUE.equals(token.getIsExpired()) ? " (expired)" : ""));
    System.out.println("   revoked:  " + token.getRevoked());
    System.out.println("   toString: " + token);
    System.out.println("   (client_secret and id_token print as ****)");

    System.out.println();
    System.out.println("2. Retrieve a token that does not exist");
    try {
      client.oauth2().oauth2RefreshTokensRetrieve(999_999);
    } catch (NotFoundException e) {
      System.out.println("   " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    if (fakeUrl != null) {
      System.out.println();
      System.out.println("3. Call with a wrong API token");
      try (AuthentikClient wrong = client.newBuilder().token("not-the-right-token").build()) {
        wrong.oauth2().oauth2RefreshTokensRetrieve(id);
      } catch (PermissionDeniedException e) {
        System.out.println("   " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
