package io.goauthentik.tokens;

import io.goauthentik.client.revocation.RevocationResult;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.revocation.TokenRevoker;
import io.goauthentik.client.model.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revoke-user --user USER [--provider PROVIDER]}: every refresh token, access token and
 * authorization code of a user (by pk or username, see {@link Lookup}), with the SDK's
 * {@link TokenRevoker} (collect every page, then delete; again until nothing is left). All three kinds at once: a refresh token left behind mints new access
 * tokens, an access token left behind works for up to an hour, a code left behind can still be
 * exchanged. Asks first, unless {@code --yes}; where nobody can be asked, {@code --yes} is required.
 */
@Command(name = "revoke-user")
final class RevokeUserCommand implements Callable<Integer> {
  private static final List<TokenKind> KINDS = List.of(TokenKind.REFRESH_TOKEN, TokenKind.ACCESS_TOKEN,
      TokenKind.AUTHORIZATION_CODE);

  private final Session session;

  @Option(names = "--user", paramLabel = "USER", required = true, converter = PkOrName.Converter.class,
      description = "The user: its pk, or its username (exact match)")
  PkOrName user;

  @Option(names = "--provider", paramLabel = "PROVIDER", converter = PkOrName.Converter.class,
      description = "Only the grants issued by this OAuth2 provider: its pk, or its name (exact match)")
  PkOrName provider;

  /** Set when the command starts: the user and the provider as found, and how messages name them. */
  private int userPk;
  private String username;
  private Integer providerPk;
  /** Such as {@code jdoe (pk 7)}. */
  private String who;
  /** Such as {@code provider Grafana (pk 3)} or {@code provider 3} (as given), or null. */
  private String issuer;

  @Option(names = "--dry-run", description = "Revoke nothing: list what would be revoked")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation (required when stdin is not a terminal)")
  boolean yes;

  RevokeUserCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    if (!dryRun && !yes && !session.canPrompt()) {
      throw new UsageException("--yes is required to revoke without a terminal to confirm on (stdin is not one, or "
          + "it carries the token); --dry-run shows what would be revoked");
    }
    User found = Lookup.user(session.client(), user);
    userPk = found.getPk();
    username = found.getUsername();
    who = Printable.of(String.valueOf(username)) + " (pk " + userPk + ")";
    if (provider != null) {
      providerPk = Lookup.providerPk(session.client(), provider);
      issuer = "provider " + (provider.name != null ? Printable.of(provider.name) + " (pk " + providerPk + ")"
          : String.valueOf(providerPk));
    }
    if (!dryRun && !yes && !confirmed()) {
      session.io.err.println("authentik-tokens: not done: nothing revoked (not confirmed)");
      session.io.err.flush();
      return ExitCode.NOT_DONE;
    }
    Events events = new Events();
    RevocationResult result;
    try {
      result = revoker(dryRun, events).revoke();
    } catch (RuntimeException e) {
      events.progress.clear();
      // What was revoked before the failure is said before the failure is (by Failures).
      RevocationResult.attachedTo(e).filter(partial -> partial.rounds() > 0 && !dryRun)
          .ifPresent(partial -> print(partial, true));
      throw e;
    } finally {
      events.progress.clear();
    }
    print(result, false);
    if (!dryRun && !result.isComplete()) {
      int left = KINDS.stream().mapToInt(kind -> result.remaining(kind).size()).sum();
      session.io.err.println("authentik-tokens: not done: " + left + " grants of " + scope() + " appeared while "
          + "revoking and remain after " + rounds(result.rounds()) + "; disable the user, then run again");
      session.io.err.flush();
      return ExitCode.NOT_DONE;
    }
    return ExitCode.OK;
  }

  /** Lists what a run would revoke (a dry run) and asks. */
  private boolean confirmed() {
    RevocationResult preview = revoker(true, new TokenRevoker.Listener() {
    }).revoke();
    StringBuilder what = new StringBuilder();
    int total = 0;
    for (TokenKind kind : KINDS) {
      int count = preview.found(kind).size();
      total += count;
      what.append(what.length() == 0 ? "" : kind == TokenKind.AUTHORIZATION_CODE ? " and " : ", ")
          .append(count).append(' ').append(count == 1 ? Records.noun(kind) : Records.plural(kind));
    }
    if (total == 0) {
      return true; // nothing to ask about; the run lists again and reports
    }
    return Prompt.confirm(session.io, "Revoke " + what + " of " + who
        + (issuer != null ? " issued by " + issuer : "") + "?");
  }

  private TokenRevoker revoker(boolean dry, TokenRevoker.Listener listener) {
    return TokenRevoker.builder(session.client()).user(userPk).provider(providerPk).dryRun(dry).listener(listener)
        .build();
  }

  /** Prints the result in the run's format; {@code failed}: what a run stopped by a failure had done. */
  private void print(RevocationResult result, boolean failed) {
    switch (session.options.output) {
      case JSON:
        Json.print(session.io.out, summary(result));
        break;
      case NDJSON:
        for (TokenKind kind : KINDS) {
          for (int id : result.remaining(kind)) {
            session.io.out.println(Json.compact(Records.outcome(kind, id, dryRun ? "would_revoke" : "remaining")));
          }
        }
        session.io.out.flush();
        break;
      default:
        table(result, failed);
    }
  }

  /** The JSON document: what was found, revoked, already gone and left, per kind. */
  private Map<String, Object> summary(RevocationResult result) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("user", result.user());
    summary.put("username", username);
    summary.put("provider", result.provider().isPresent() ? result.provider().getAsInt() : null);
    summary.put("dry_run", result.isDryRun());
    summary.put("rounds", result.rounds());
    summary.put("complete", result.isComplete());
    for (TokenKind kind : KINDS) {
      Map<String, Object> ids = new LinkedHashMap<>();
      ids.put("found", result.found(kind));
      ids.put("revoked", result.revoked(kind));
      ids.put("already_gone", result.alreadyGone(kind));
      ids.put("remaining", result.remaining(kind));
      summary.put(Records.kindName(kind) + "s", ids);
    }
    return summary;
  }

  private void table(RevocationResult result, boolean failed) {
    Table table = Table.withHeadings("KIND", "FOUND", dryRun ? "WOULD REVOKE" : "REVOKED", "ALREADY GONE", "REMAINING");
    for (TokenKind kind : KINDS) {
      table.addRow(Records.plural(kind), count(result.found(kind)),
          count(dryRun ? result.found(kind) : result.revoked(kind)), count(result.alreadyGone(kind)),
          count(result.remaining(kind)));
    }
    table.print(session.io.out);
    String scope = scope();
    String verdict;
    if (failed) {
      verdict = "Stopped by the failure below; what is not revoked remains: run it again.";
    } else if (dryRun) {
      verdict = "Dry run: nothing revoked for " + scope + ".";
    } else if (result.rounds() == 0) {
      verdict = "Nothing to revoke: " + scope + " holds no grant.";
    } else if (result.isComplete()) {
      verdict = "Every grant of " + scope + " is revoked (" + rounds(result.rounds()) + ").";
    } else {
      verdict = "Grants of " + scope + " remain: see REMAINING.";
    }
    session.io.out.println(verdict);
    session.io.out.flush();
  }

  /** Such as {@code jdoe (pk 7) at provider Grafana (pk 3)}. */
  private String scope() {
    return who + (issuer != null ? " at " + issuer : "");
  }

  private static String rounds(int rounds) {
    return rounds + (rounds == 1 ? " round" : " rounds");
  }

  private static String count(List<Integer> ids) {
    return String.valueOf(ids.size());
  }

  /** Progress on stderr, and NDJSON lines as each grant is done. */
  private final class Events implements TokenRevoker.Listener {
    final Progress progress = session.progress(dryRun ? "listing grants" : "revoking grants");
    private final boolean lines = session.options.output == OutputFormat.NDJSON;
    private long total;
    private long done;

    @Override
    public void collected(int round, TokenKind kind, List<Integer> ids) {
      total += ids.size();
    }

    @Override
    public void revoked(TokenKind kind, int id) {
      done(kind, id, "revoked");
    }

    @Override
    public void alreadyGone(TokenKind kind, int id) {
      done(kind, id, "already_gone");
    }

    private void done(TokenKind kind, int id, String status) {
      done++;
      if (lines) {
        progress.clear();
        session.io.out.println(Json.compact(Records.outcome(kind, id, status)));
        session.io.out.flush();
      }
      progress.update(done, total);
    }
  }
}
