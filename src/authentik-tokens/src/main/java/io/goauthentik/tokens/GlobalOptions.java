package io.goauthentik.tokens;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after its name ({@code --output json refresh list}
 * and {@code refresh list --output json} are the same). One instance per run, shared by every
 * command of it.
 */
final class GlobalOptions {
  @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT, order = 100,
      description = "authentik's URL, such as https://auth.example.com (default: $AUTHENTIK_URL)")
  String url;

  @Option(names = "--token-file", paramLabel = "PATH", scope = ScopeType.INHERIT, order = 101,
      description = {"Read the API token from this file, or from stdin with '-' (default: $AUTHENTIK_TOKEN).",
          "The token itself is never accepted on the command line."})
  String tokenFile;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, order = 102,
      converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Names.class,
      description = "table (default), json (one document) or ndjson (one object per line)")
  OutputFormat output = OutputFormat.TABLE;

  @Option(names = "--show-secrets", scope = ScopeType.INHERIT, order = 103,
      description = "Print client_secret and id_token instead of ****")
  boolean showSecrets;

  @Option(names = "--debug", scope = ScopeType.INHERIT, order = 104,
      description = "On failure, print the stack trace too; log each HTTP exchange to stderr (never a header's secret)")
  boolean debug;
}
