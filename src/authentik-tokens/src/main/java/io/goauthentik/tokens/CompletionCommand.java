package io.goauthentik.tokens;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code completion}: prints a bash (and zsh) completion script of every command and option, made by picocli. */
@Command(name = "completion")
final class CompletionCommand implements Callable<Integer> {
  private final Session session;

  @Spec
  CommandSpec spec;

  CompletionCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    session.io.out.print(AutoComplete.bash(AuthentikTokens.NAME, spec.root().commandLine()));
    session.io.out.flush();
    return ExitCode.OK;
  }
}
