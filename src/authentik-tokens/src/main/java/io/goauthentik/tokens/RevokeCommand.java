package io.goauthentik.tokens;

import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.revocation.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code <kind> revoke ID...}: deletes the grants named, one after the other, without asking (the
 * ids are the confirmation). An id given twice is revoked once. An id that is gone already is
 * reported and the others are still revoked; the exit code is then {@link ExitCode#NOT_FOUND}. Any
 * other failure stops at once, after the outcomes so far are printed (in every format).
 * Every grant of a user is {@code revoke-user}'s job.
 */
@Command(name = "revoke")
final class RevokeCommand implements Callable<Integer> {
  static final List<Table.Column> COLUMNS = List.of(new Table.Column("PK", "pk"), new Table.Column("STATUS", "status"));

  private final TokenKind kind;
  private final Session session;

  /** Text, read here: picocli would call a number it cannot convert an unmatched argument. */
  @Parameters(paramLabel = "ID", arity = "0..*", description = "The ids (pk) to revoke")
  List<String> ids = new ArrayList<>();

  @Option(names = "--dry-run", description = "Revoke nothing: retrieve each one and say whether it would be revoked")
  boolean dryRun;

  @Option(names = "--yes", description = "Accepted for symmetry with revoke-user; revoke ID... never asks")
  boolean yes;

  /** Not an option of this command: present only to point at revoke-user, whatever the value. */
  @Option(names = "--user", hidden = true)
  String user;

  @Option(names = "--provider", hidden = true)
  String provider;

  RevokeCommand(TokenKind kind, Session session) {
    this.kind = kind;
    this.session = session;
  }

  @Override
  public Integer call() {
    if (user != null || provider != null) {
      throw new UsageException("revoking by user is 'authentik-tokens revoke-user --user USER [--provider PROVIDER]': "
          + "it revokes the user's refresh tokens, access tokens and authorization codes together, since any one left "
          + "behind still grants access");
    }
    if (ids.isEmpty()) {
      throw new UsageException("Missing required parameter: 'ID' (the ids of the " + Records.plural(kind)
          + " to revoke)");
    }
    Set<Integer> unique = new LinkedHashSet<>(); // an id given twice is revoked (and reported) once
    for (int i = 0; i < ids.size(); i++) {
      try {
        unique.add(new PositiveInt().convert(ids.get(i)));
      } catch (TypeConversionException e) {
        throw new UsageException("ID " + (i + 1) + " of " + ids.size() + " " + PositiveInt.MESSAGE); // nothing sent yet
      }
    }
    Grants<?> grants = session.grants(kind);
    RecordSink sink = session.sink(COLUMNS);
    Progress progress = session.progress((dryRun ? "checking " : "revoking ") + Records.plural(kind));
    List<Integer> notFound = new ArrayList<>();
    try {
      int done = 0;
      for (int id : unique) {
        String status;
        try {
          if (dryRun) {
            grants.get(id);
            status = "would_revoke";
          } else {
            grants.destroy(id);
            status = "revoked";
          }
        } catch (NotFoundException e) {
          status = "not_found";
          notFound.add(id);
        }
        progress.clear();
        sink.add(Records.outcome(kind, id, status));
        sink.endPage();
        done++;
        if (unique.size() > 1) {
          progress.update(done, unique.size());
        }
      }
    } finally {
      progress.clear();
      sink.finish(); // after a failure too: what was revoked before it, in every format
    }
    if (!notFound.isEmpty()) {
      session.io.err.println("authentik-tokens: not found: " + Records.noun(kind) + (notFound.size() > 1 ? "s " : " ")
          + notFound.stream().map(String::valueOf).collect(Collectors.joining(", "))
          + " (already revoked, expired and cleaned up, or never existed)");
      session.io.err.flush();
      return ExitCode.NOT_FOUND;
    }
    return ExitCode.OK;
  }
}
