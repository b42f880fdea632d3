package io.goauthentik.tokens;

import io.goauthentik.client.revocation.TokenKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code <kind> get ID}: one grant, every property the tool prints. */
@Command(name = "get")
final class GetCommand implements Callable<Integer> {
  private final TokenKind kind;
  private final Session session;

  @Parameters(paramLabel = "ID", description = "Its id (pk)")
  int id;

  GetCommand(TokenKind kind, Session session) {
    this.kind = kind;
    this.session = session;
  }

  @Override
  public Integer call() {
    RecordSink.printOne(session.options.output, session.io.out, session.grants(kind).get(id));
    return ExitCode.OK;
  }
}
