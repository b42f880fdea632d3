package io.goauthentik.tokens;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.revocation.TokenKind;
import java.util.List;

/**
 * One run of the tool: its streams and options, and the client it opens on first use (so that
 * {@code --help} and usage errors need no configuration). Closed when the run ends.
 */
final class Session implements AutoCloseable {
  final Io io;
  final GlobalOptions options;
  private AuthentikClient client;

  Session(Io io, GlobalOptions options) {
    this.io = io;
    this.options = options;
  }

  /** The client, configured from the options and the environment on first use. */
  AuthentikClient client() {
    if (client == null) {
      client = ClientConfig.client(io, options);
    }
    return client;
  }

  Grants<?> grants(TokenKind kind) {
    return Grants.of(kind, client().oauth2(), new Records(options.showSecrets));
  }

  RecordSink sink(List<Table.Column> columns) {
    return RecordSink.of(options.output, io.out, columns);
  }

  /** A progress line on stderr for a person at a terminal, else one that prints nothing. */
  Progress progress(String what) {
    return io.stderrIsTerminal ? new Progress(io.err, what) : Progress.NONE;
  }

  /** A person can be asked: stdin is a terminal, and not where the token comes from. */
  boolean canPrompt() {
    return io.stdinIsTerminal && !"-".equals(options.tokenFile);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
