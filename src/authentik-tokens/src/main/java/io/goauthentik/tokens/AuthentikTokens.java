package io.goauthentik.tokens;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.revocation.TokenKind;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/**
 * {@code authentik-tokens}: lists, shows and revokes authentik's OAuth2 refresh tokens, access
 * tokens and authorization codes from the command line, for scripts and on-call people. Built on
 * the SDK; {@code java -jar authentik-tokens.jar --help} says how to use it, README's
 * "Command-line tool" says more.
 */
@Command(name = AuthentikTokens.NAME, mixinStandardHelpOptions = true, sortOptions = false, scope = ScopeType.INHERIT,
    versionProvider = AuthentikTokens.Version.class,
    description = {"List, show and revoke authentik's OAuth2 refresh tokens, access tokens and authorization codes.",
        "Configuration: AUTHENTIK_URL and AUTHENTIK_TOKEN, or --url and --token-file."})
public final class AuthentikTokens {
  static final String NAME = "authentik-tokens";

  private AuthentikTokens() {
  }

  /**
   * Runs the tool on the process's environment and standard streams and exits with its code.
   *
   * @param args the command line, such as {@code refresh list --user 7 --output ndjson}
   */
  public static void main(String[] args) {
    System.exit(run(Io.system(), args));
  }

  /**
   * Runs the tool on {@code io}, for {@link #main} and for tests.
   *
   * @return the exit code, one of {@link ExitCode}
   */
  static int run(Io io, String... args) {
    GlobalOptions options = new GlobalOptions();
    Failures failures = new Failures(io, options);
    try {
      TokenArgumentGuard.check(args);
    } catch (UsageException e) {
      return failures.usage(NAME, e.getMessage());
    }
    try (Session session = new Session(io, options)) {
      return commandLine(session, failures).execute(args);
    } finally {
      io.out.flush();
      io.err.flush();
    }
  }

  /** The command tree, its options shared through {@code session.options}. */
  static CommandLine commandLine(Session session, Failures failures) {
    CommandLine root = new CommandLine(new AuthentikTokens());
    // Added before the subcommands: they inherit the options, bound to the same instance.
    root.getCommandSpec().addMixin("options", CommandSpec.forAnnotatedObject(session.options));
    root.addSubcommand("refresh", kind(TokenKind.REFRESH_TOKEN, session));
    root.addSubcommand("access", kind(TokenKind.ACCESS_TOKEN, session));
    root.addSubcommand("codes", kind(TokenKind.AUTHORIZATION_CODE, session));
    root.addSubcommand("revoke-user", describe(new CommandLine(new RevokeUserCommand(session)),
        "Revoke every refresh token, access token and authorization code of a user (optionally of one provider).",
        "Asks first, unless --yes; without a terminal, --yes is required."));
    root.addSubcommand("doctor", describe(new CommandLine(new DoctorCommand(session)),
        "Check the server and the token: the server's release and whether the SDK knows it, the token's user.",
        "Exits non-zero when the server cannot be reached or the token is refused."));
    root.addSubcommand("completion", describe(new CommandLine(new CompletionCommand(session)),
        "Print a bash completion script: source <(authentik-tokens completion)"));
    // An @file argument would be read and its content (a token file's) shown in usage errors.
    root.setExpandAtFiles(false);
    root.registerConverter(Integer.class, new PositiveInt());
    root.registerConverter(Integer.TYPE, new PositiveInt());
    root.setOut(session.io.out);
    root.setErr(session.io.err);
    root.setParameterExceptionHandler(failures);
    root.setExecutionExceptionHandler(failures);
    forEach(root, command -> command.getCommandSpec().usageMessage()
        .exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList()));
    return root;
  }

  private static CommandLine kind(TokenKind kind, Session session) {
    String plural = Records.plural(kind);
    String noun = Records.noun(kind);
    CommandLine group = describe(new CommandLine(new KindCommand()),
        "OAuth2 " + plural + " (/api/v3/oauth2/" + Records.kindName(kind) + "s/).");
    group.addSubcommand("get", describe(new CommandLine(new GetCommand(kind, session)), "Show one " + noun + "."));
    group.addSubcommand("list", describe(new CommandLine(new ListCommand(kind, session)),
        "List " + plural + ", every page (or up to --limit)."));
    group.addSubcommand("used-by", describe(new CommandLine(new UsedByCommand(kind, session)),
        "Show what revoking a " + noun + " would affect."));
    group.addSubcommand("revoke", describe(new CommandLine(new RevokeCommand(kind, session)),
        "Revoke (delete) " + plural + " by id, without asking.",
        "Every grant of a user: authentik-tokens revoke-user --user USER."));
    return group;
  }

  private static CommandLine describe(CommandLine command, String... description) {
    command.getCommandSpec().usageMessage().description(description);
    return command;
  }

  private static void forEach(CommandLine command, Consumer<CommandLine> action) {
    action.accept(command);
    command.getSubcommands().values().forEach(sub -> forEach(sub, action));
  }

  /** {@code --version}: the tool's version, which is the SDK's. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Function<String, String> after = agent -> agent.substring(agent.indexOf('/') + 1);
      return new String[] {NAME + " " + after.apply(AuthentikClient.USER_AGENT)};
    }
  }
}
