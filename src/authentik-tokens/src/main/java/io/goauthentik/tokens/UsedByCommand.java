package io.goauthentik.tokens;

import io.goauthentik.client.revocation.TokenKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code <kind> used-by ID}: what deleting the grant would affect (authentik's used_by). */
@Command(name = "used-by")
final class UsedByCommand implements Callable<Integer> {
  static final List<Table.Column> COLUMNS = List.of(new Table.Column("APP", "app"),
      new Table.Column("MODEL", "model_name"), new Table.Column("PK", "pk"), new Table.Column("NAME", "name"),
      new Table.Column("ACTION", "action"));

  private final TokenKind kind;
  private final Session session;

  @Parameters(paramLabel = "ID", description = "Its id (pk)")
  int id;

  UsedByCommand(TokenKind kind, Session session) {
    this.kind = kind;
    this.session = session;
  }

  @Override
  public Integer call() {
    List<Map<String, Object>> usedBy = session.grants(kind).usedBy(id);
    RecordSink sink = session.sink(COLUMNS);
    usedBy.forEach(sink::add);
    sink.finish();
    return ExitCode.OK;
  }
}
