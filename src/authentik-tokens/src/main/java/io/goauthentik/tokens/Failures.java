package io.goauthentik.tokens;

import io.goauthentik.client.RateLimitException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
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
  private final Io io;
  private final GlobalOptions options;

  Failures(Io io, GlobalOptions options) {
    this.io = io;
    this.options = options;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException) {
      List<String> suggestions = ((UnmatchedArgumentException) e).getSuggestions();
      if (!suggestions.isEmpty()) {
        message += " (did you mean " + String.join(" or ", suggestions) + "?)";
      }
    }
    return usage(e.getCommandLine().getCommandSpec().qualifiedName(), message);
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
    return message.replaceAll("[\\r\\n]+\\s*", " ").strip();
  }
}
