package io.goauthentik.tokens;

import io.goauthentik.client.revocation.TokenKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code <kind> list}: the grants the filters select, every page walked with {@code iterateAll()}
 * (or up to {@code --limit}); NDJSON lines go out as each page arrives.
 */
@Command(name = "list")
final class ListCommand implements Callable<Integer> {
  /** The largest page; authentik's default. */
  static final int PAGE_SIZE = 100;

  private final TokenKind kind;
  private final Session session;

  @Option(names = "--user", paramLabel = "USER", converter = PkOrName.Converter.class,
      description = "Only the grants of this user: its pk, or its username (exact match)")
  PkOrName user;

  @Option(names = "--provider", paramLabel = "PROVIDER", converter = PkOrName.Converter.class,
      description = "Only the grants of this OAuth2 provider: its pk, or its name (exact match)")
  PkOrName provider;

  @Option(names = "--search", paramLabel = "S", description = "Passed to the server as search= (authentik's token lists ignore it)")
  String search;

  @Option(names = "--ordering", paramLabel = "F",
      description = "Order by pk, expires, user, provider (or revoked), - first for descending, such as -expires")
  String ordering;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N results (default: all)")
  Integer limit;

  ListCommand(TokenKind kind, Session session) {
    this.kind = kind;
    this.session = session;
  }

  /** What the table shows of each grant. */
  static List<Table.Column> columns(TokenKind kind) {
    Table.Column pk = new Table.Column("PK", "pk");
    Table.Column user = new Table.Column("USER", "user.username");
    Table.Column provider = new Table.Column("PROVIDER", "provider.name");
    Table.Column expires = new Table.Column("EXPIRES", "expires");
    Table.Column expired = new Table.Column("EXPIRED", "is_expired");
    Table.Column scope = new Table.Column("SCOPE", "scope");
    if (kind == TokenKind.AUTHORIZATION_CODE) {
      return List.of(pk, user, provider, expires, expired, scope);
    }
    return List.of(pk, user, provider, expires, expired, new Table.Column("REVOKED", "revoked"), scope);
  }

  @Override
  public Integer call() {
    Grants.Query query = new Grants.Query();
    query.user = user == null ? null : Lookup.userPk(session.client(), user);
    query.provider = provider == null ? null : Lookup.providerPk(session.client(), provider);
    query.search = search;
    query.ordering = ordering;
    query.pageSize = limit != null ? Math.min(limit, PAGE_SIZE) : PAGE_SIZE;
    Grants<?> grants = session.grants(kind);

    RecordSink sink = session.sink(columns(kind));
    Progress progress = session.progress("listing " + Records.plural(kind));
    long done = 0;
    boolean succeeded = false;
    try {
      for (Grants.RecordPage page : grants.list(query)) {
        progress.clear();
        for (Map<String, Object> record : page.records) {
          if (limit != null && done == limit) {
            break;
          }
          sink.add(record);
          done++;
        }
        sink.endPage();
        if (session.io.out.checkError()) {
          return ExitCode.NOT_DONE; // whoever read stdout is gone (| head): more pages would be for nobody
        }
        if (limit != null && done == limit) {
          break;
        }
        long total = page.count == null ? done : page.count;
        if (limit != null) {
          total = Math.min(total, limit);
        }
        if (total > page.records.size()) {
          progress.update(done, total);
        }
      }
      succeeded = true;
    } finally {
      progress.clear();
      if (succeeded) {
        sink.finish();
      } else {
        sink.abort();
      }
    }
    return ExitCode.OK;
  }
}
