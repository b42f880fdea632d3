package io.goauthentik.client.examples;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.Page;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.Pagination;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.testkit.FakeAuthentik;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A tour of the refresh-token operations: one page of the list, every page, one token (printed
 * with its secrets masked), and the typed exceptions for an unknown id and a wrong API token.
 *
 * <p>With {@code AUTHENTIK_URL} and {@code AUTHENTIK_TOKEN} set it talks to that server and only
 * reads: it retrieves the first token the list shows. Otherwise it starts an embedded fake authentik
 * on loopback and seeds it with a few users, providers and tokens.
 *
 * <pre>mvn -B -q -Pdemo test-compile exec:java</pre>
 */
public final class Demo {
  /** An id no server is expected to have; the demo says so if yours does. */
  private static final int MISSING_ID = 999_999_999;
  private static final int PAGES_SHOWN = 5;

  private Demo() {
  }

  public static void main(String[] args) {
    if (System.getenv("AUTHENTIK_URL") != null) {
      try (AuthentikClient client = AuthentikClient.fromEnv()) {
        System.out.println("Talking to " + client.baseUrl() + " (AUTHENTIK_URL); this demo only reads.");
        run(client);
      }
      return;
    }
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().build()) {
      seed(fake);
      System.out.println("AUTHENTIK_URL is not set: using an embedded fake authentik at " + fake.url());
      run(client);
    }
  }

  /** 23 refresh tokens of three users at three providers: three pages of ten. */
  private static void seed(FakeAuthentik fake) {
    int[] users = {fake.addUser("akadmin"), fake.addUser("jdoe"), fake.addUser("alice")};
    int[] providers = {fake.addProvider("Grafana"), fake.addProvider("Jellyfin"), fake.addProvider("Nextcloud")};
    for (int i = 0; i < 23; i++) {
      fake.addRefreshToken(users[i % users.length], providers[i % 5 % providers.length]);
    }
  }

  private static void run(AuthentikClient client) {
    Oauth2Api oauth2 = client.oauth2();

    System.out.println();
    System.out.println("1. One page of refresh tokens: execute() sends one request");
    PaginatedRefreshTokenList first = oauth2.oauth2RefreshTokensList().pageSize(10).execute();
    Pagination pagination = first.getPagination();
    System.out.println("   page " + pagination.getCurrent() + " of " + pagination.getTotalPages() + ": results "
        + pagination.getStartIndex() + " to " + pagination.getEndIndex() + " of " + pagination.getCount()
        + " (next page: " + pagination.getNext() + ", 0 when none)");
    for (RefreshToken token : first.getResults()) {
      System.out.println("   #" + token.getPk() + "  " + token.getUser().getUsername() + " at "
          + token.getProvider().getName() + ", expires " + token.getExpires());
    }

    System.out.println();
    System.out.println("2. Every page: iterateAll() fetches the pages as the loop needs them");
    int count = 0;
    int expired = 0;
    for (RefreshToken token : oauth2.oauth2RefreshTokensList().pageSize(10).iterateAll()) {
      count++;
      expired += Boolean.TRUE.equals(token.getIsExpired()) ? 1 : 0;
    }
    System.out.println("   for-each: " + count + " refresh tokens, " + expired + " of them expired");
    int pages = 0;
    for (Page<RefreshToken> page : oauth2.oauth2RefreshTokensList().pageSize(10).iterateAll().byPage()) {
      if (++pages <= PAGES_SHOWN) {
        System.out.println("   byPage(): page " + page.getPagination().getCurrent() + " holds "
            + page.getResults().size());
      }
    }
    if (pages > PAGES_SHOWN) {
      System.out.println("   byPage(): ... " + pages + " pages in all");
    }
    Map<String, Long> perProvider = oauth2.oauth2RefreshTokensList().pageSize(10).iterateAll().stream()
        .collect(Collectors.groupingBy(token -> token.getProvider().getName(), TreeMap::new, Collectors.counting()));
    System.out.println("   stream(), per provider: " + perProvider);

    System.out.println();
    if (first.getResults().isEmpty()) {
      System.out.println("3. This server has no refresh token, so there is none to retrieve.");
    } else {
      int id = first.getResults().get(0).getPk();
      System.out.println("3. Retrieve refresh token " + id + ", the first the list showed");
      RefreshToken token = oauth2.oauth2RefreshTokensRetrieve(id);
      System.out.println("   user:     " + token.getUser().getUsername() + " (pk " + token.getUser().getPk() + ")");
      System.out.println("   provider: " + token.getProvider().getName() + " (pk " + token.getProvider().getPk() + ")");
      System.out.println("   scope:    " + token.getScope());
      System.out.println("   expires:  " + token.getExpires() + (Boolean.TRUE.equals(token.getIsExpired()) ? " (expired)" : ""));
      System.out.println("   revoked:  " + token.getRevoked());
      System.out.println("   toString: " + token);
      System.out.println("   (client_secret and id_token print as ****)");
    }

    System.out.println();
    System.out.println("4. Retrieve refresh token " + MISSING_ID + ", which should not exist");
    try {
      oauth2.oauth2RefreshTokensRetrieve(MISSING_ID);
      System.out.println("   It exists on this server, so there is no NotFoundException to show.");
    } catch (NotFoundException e) {
      System.out.println("   " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    System.out.println();
    System.out.println("5. Call with a wrong API token");
    try (AuthentikClient wrong = client.newBuilder().token("not-the-right-token").build()) {
      wrong.oauth2().oauth2RefreshTokensList().pageSize(1).execute();
      System.out.println("   The server accepted it?! No PermissionDeniedException to show.");
    } catch (PermissionDeniedException e) {
      System.out.println("   " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
