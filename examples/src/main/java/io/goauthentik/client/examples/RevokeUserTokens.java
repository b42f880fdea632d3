package io.goauthentik.client.examples;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.revocation.RevocationResult;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.revocation.TokenRevoker;
import io.goauthentik.client.testkit.FakeAuthentik;
import java.util.List;
import java.util.Locale;

/**
 * Revokes every token of a user: refresh tokens, access tokens and authorization codes, with a
 * {@link TokenRevoker}, printing its progress.
 *
 * <p>Without {@code AUTHENTIK_URL} it starts an embedded fake authentik, seeds a few users and
 * tokens, shows a dry run for user jdoe, then revokes jdoe's tokens for real.
 *
 * <p>With {@code AUTHENTIK_URL} and {@code AUTHENTIK_TOKEN} set it talks to that server, and needs
 * the user's pk as its argument. It is a dry run unless {@code --yes} is given: it never revokes
 * anything on a real server unless asked.
 *
 * <pre>
 * mvn -B -q -Pdemo test-compile exec:java -Dexec.mainClass=io.goauthentik.client.examples.RevokeUserTokens
 * mvn -B -q -Pdemo test-compile exec:java -Dexec.mainClass=io.goauthentik.client.examples.RevokeUserTokens \
 *     -Dexec.args="17 --provider 3 --yes"
 * </pre>
 */
public final class RevokeUserTokens {
  private static final String USAGE = "Usage: RevokeUserTokens <user pk> [--provider <pk>] [--concurrency <1-16>]"
      + " [--dry-run | --yes]\n"
      + "  Revokes every refresh token, access token and authorization code of the user (of one provider\n"
      + "  with --provider). A dry run (the default) lists what would be revoked; --yes revokes it.";

  private RevokeUserTokens() {
  }

  public static void main(String[] args) {
    if (System.getenv("AUTHENTIK_URL") == null) {
      onTheFake();
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      return;
    }
    try (AuthentikClient client = AuthentikClient.fromEnv()) {
      System.out.println((options.yes ? "Revoking" : "Dry run (nothing is revoked without --yes):")
          + " the tokens of user " + options.user + (options.provider != null ? " at provider " + options.provider : "")
          + " on " + client.baseUrl());
      RevocationResult result = TokenRevoker.builder(client).user(options.user).provider(options.provider)
          .concurrency(options.concurrency).dryRun(!options.yes).listener(new Progress()).build().revoke();
      report(result);
      if (!options.yes && !result.isComplete()) {
        System.out.println("Run again with --yes to revoke them.");
      }
    } catch (ApiException e) {
      // The typed exception says what went wrong: 403 for a token without the permission, ...
      System.err.println("Stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void onTheFake() {
    try (FakeAuthentik fake = FakeAuthentik.start(); AuthentikClient client = fake.clientBuilder().build()) {
      System.out.println("AUTHENTIK_URL is not set: using an embedded fake authentik at " + fake.url());
      int jdoe = fake.addUser("jdoe");
      int alice = fake.addUser("alice");
      int grafana = fake.addProvider("Grafana");
      int jellyfin = fake.addProvider("Jellyfin");
      for (int i = 0; i < 30; i++) {
        int provider = i % 2 == 0 ? grafana : jellyfin;
        fake.addRefreshToken(jdoe, provider);
        fake.addAccessToken(jdoe, provider);
        if (i % 3 == 0) {
          fake.addAuthorizationCode(jdoe, provider);
          fake.addRefreshToken(alice, provider);
          fake.addAccessToken(alice, provider);
        }
      }
      System.out.println("Seeded jdoe (pk " + jdoe + ") with 70 tokens and codes at Grafana and Jellyfin, alice (pk "
          + alice + ") with 20.");

      System.out.println();
      System.out.println("Dry run for jdoe:");
      report(TokenRevoker.builder(client).user(jdoe).dryRun(true).build().revoke());

      System.out.println();
      System.out.println("Revoking jdoe's tokens:");
      report(TokenRevoker.builder(client).user(jdoe).listener(new Progress()).build().revoke());

      System.out.println();
      System.out.println("Left: jdoe " + left(client, jdoe) + ", alice " + left(client, alice) + " (refresh tokens,"
          + " access tokens and codes, listed again)");
    }
  }

  private static void report(RevocationResult result) {
    for (TokenKind kind : TokenKind.values()) {
      String what = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "s";
      if (result.isDryRun()) {
        System.out.println("  would revoke " + result.found(kind).size() + " " + what + ": " + shortList(result.found(kind)));
      } else {
        System.out.println("  revoked " + result.revoked(kind).size() + " " + what + ", " + result.alreadyGone(kind).size()
            + " were gone already" + (result.remaining(kind).isEmpty() ? "" : ", " + result.remaining(kind).size()
            + " appeared faster than they were revoked: " + shortList(result.remaining(kind))));
      }
    }
    if (!result.isDryRun()) {
      System.out.println(result.isComplete() ? "  Complete: nothing of the user's is left."
          : "  Not complete: disable the user to stop new logins, then run again.");
    }
  }

  private static int left(AuthentikClient client, int user) {
    return client.oauth2().oauth2RefreshTokensList().user(user).execute().getPagination().getCount()
        + client.oauth2().oauth2AccessTokensList().user(user).execute().getPagination().getCount()
        + client.oauth2().oauth2AuthorizationCodesList().user(user).execute().getPagination().getCount();
  }

  private static String shortList(List<Integer> ids) {
    return ids.size() <= 12 ? ids.toString() : ids.subList(0, 12).toString().replace("]", ", ...]");
  }

  /** Prints "done/total" every tenth of the way, as a command-line tool would. */
  private static final class Progress implements TokenRevoker.Listener {
    private int total;
    private int done;

    @Override
    public void collected(int round, TokenKind kind, List<Integer> ids) {
      total += ids.size();
    }

    @Override
    public void revoked(TokenKind kind, int id) {
      step();
    }

    @Override
    public void alreadyGone(TokenKind kind, int id) {
      step();
    }

    private void step() {
      done++;
      if (done == total || done % Math.max(1, (total + 9) / 10) == 0) {
        System.out.println("  " + done + "/" + total);
      }
    }
  }

  /** The command line. */
  private static final class Options {
    Integer user;
    Integer provider;
    int concurrency = TokenRevoker.DEFAULT_CONCURRENCY;
    boolean yes;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--yes":
            options.yes = true;
            break;
          case "--dry-run":
            options.yes = false;
            break;
          case "--provider":
            options.provider = number(args, ++i, "--provider");
            break;
          case "--concurrency":
            options.concurrency = number(args, ++i, "--concurrency");
            if (options.concurrency < 1 || options.concurrency > TokenRevoker.MAX_CONCURRENCY) {
              throw new IllegalArgumentException("--concurrency must be from 1 to " + TokenRevoker.MAX_CONCURRENCY);
            }
            break;
          default:
            if (args[i].startsWith("--") || options.user != null) {
              throw new IllegalArgumentException("Unexpected argument: " + args[i]);
            }
            options.user = number(args, i, "the user pk");
        }
      }
      if (options.user == null) {
        throw new IllegalArgumentException("Say whose tokens to revoke: the user's pk (a number, from Directory >"
            + " Users); nothing is guessed on a real server.");
      }
      return options;
    }

    private static int number(String[] args, int i, String what) {
      try {
        return Integer.parseInt(args[i]);
      } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
        throw new IllegalArgumentException(what + " needs a number", e);
      }
    }
  }
}
