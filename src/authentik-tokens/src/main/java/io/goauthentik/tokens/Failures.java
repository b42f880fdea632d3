package io.goauthentik.tokens;

import io.goauthentik.client.RateLimitException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr and an {@link ExitCode}: usage errors (picocli's and
 * {@link UsageException}) name the command and its {@code --help}; a failed call says what kind of
 * failure it was and the SDK's message (method, path, status, the server's short detail: never a
 * secret). The stack trace only with {@code --debug}.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /**
   * What an unknown option's name may look like to be shown: a dash or two, then a short word. A
   * token is longer (and {@link TokenArgumentGuard} refuses one given as {@code --token} before this).
   */
  private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,23}");

  private final Io io;
  private final GlobalOptions options;

  Failures(Io io, GlobalOptions options) {
    this.io = io;
    this.options = options;
  }

  /**
   * Reports picocli's usage error without any argument's value: an argument may be a token typed
   * or pasted in the wrong place ({@code --tok S}, {@code refresh get S}, {@code --token-file S}).
   */
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String message;
    ParseResult parsed = e.getCommandLine().getParseResult();
    if (e instanceof UnmatchedArgumentException) {
      message = unmatched((UnmatchedArgumentException) e, args);
    } else if (e instanceof MissingParameterException && parsed != null && !parsed.unmatched().isEmpty()) {
      // picocli checks required options before unmatched arguments: --usr 7 would be "Missing --user".
      message = unmatched(new UnmatchedArgumentException(e.getCommandLine(), parsed.unmatched()), args);
    } else {
      message = withoutValues(e.getMessage(), args, names(e.getCommandLine().getCommandSpec().root()));
    }
    return usage(e.getCommandLine().getCommandSpec().qualifiedName(), message);
  }

  /**
   * The first argument the parser could not place: an unknown option by its name ({@code --usr},
   * also of {@code --usr=7}), anything else by its position, never what it is.
   */
  private String unmatched(UnmatchedArgumentException e, String[] args) {
    List<String> unmatched = e.getUnmatched();
    String first = unmatched.isEmpty() ? "" : unmatched.get(0);
    String name = first.split("=", 2)[0];
    String message;
    if (OPTION_NAME.matcher(name).matches() && !name.equals(io.env.apply("AUTHENTIK_TOKEN"))) {
      message = "Unknown option: '" + name + "'";
    } else {
      int at = unmatched.isEmpty() ? -1 : Arrays.asList(args).indexOf(first);
      message = (at < 0 ? "an argument" : "argument " + (at + 1))
          + " is not an option, command or parameter here (its value is not shown)";
    }
    List<String> suggestions = e.getSuggestions(); // names of this tool's options and commands
    if (!suggestions.isEmpty()) {
      message += "; did you mean " + String.join(" or ", suggestions) + "?";
    }
    return message;
  }

  /** {@code message} with every argument (and every option's value) that it quotes left out. */
  static String withoutValues(String message, String[] args, Set<String> names) {
    Set<String> values = new HashSet<>();
    for (String arg : args) {
      values.add(arg);
      int equals = arg.indexOf('=');
      if (arg.startsWith("-") && equals > 0) {
        values.add(arg.substring(0, equals));
        values.add(arg.substring(equals + 1));
      }
    }
    values.removeAll(names);
    values.remove("");
    for (String value : values) {
      message = message.replace("'" + value + "'", "(a value not shown)");
    }
    for (String value : values) {
      if (value.length() >= 6) { // unquoted: only what cannot be a word of picocli's own message
        message = message.replace(value, "(a value not shown)");
      }
    }
    return message;
  }

  /** Every option and command name of the tool: quoting those repeats nothing of the user's. */
  private static Set<String> names(CommandSpec command) {
    Set<String> names = new HashSet<>(command.optionsMap().keySet());
    command.subcommands().forEach((name, sub) -> {
      names.add(name);
      names.addAll(names(sub.getCommandSpec()));
    });
    return names;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof UsageException) {
      return usage(command.getCommandSpec().qualifiedName(), e.getMessage());
    }
    return failed(e);
  }

  /** Reports a usage error of {@code command}. */
  int usage(String command, String message) {
    io.err.println(command + ": " + oneLine(message) + " (see '" + command + " --help')");
    io.err.flush();
    return ExitCode.USAGE;
  }

  /** Reports a failure that is not a usage error. */
  int failed(Exception e) {
    io.err.println("authentik-tokens: " + ExitCode.label(e) + ": " + oneLine(message(e)));
    if (options.debug) {
      e.printStackTrace(io.err);
    }
    io.err.flush();
    return ExitCode.of(e);
  }

  private static String message(Exception e) {
    if (ExitCode.of(e) == ExitCode.INTERNAL) {
      return e.toString();
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof RateLimitException && ((RateLimitException) e).getRetryAfter().isPresent()) {
      message += " (the server asks to wait " + ((RateLimitException) e).getRetryAfter().get().toSeconds() + " s)";
    }
    return message;
  }

  private static String oneLine(String message) {
    return Printable.of(message.replaceAll("[\\r\\n]+\\s*", " ").strip());
  }
}
