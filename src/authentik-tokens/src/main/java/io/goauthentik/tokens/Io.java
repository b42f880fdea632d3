package io.goauthentik.tokens;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the tool reads and writes besides the network: the environment, stdin, stdout,
 * stderr, and whether a person is at a terminal. {@link #system()} is the process's; tests build
 * their own, so no real environment or terminal is needed.
 */
final class Io {
  final Function<String, String> env;
  final InputStream in;
  final PrintWriter out;
  final PrintWriter err;
  /** Whether stdin is a terminal: a person can answer a prompt. */
  final boolean stdinIsTerminal;
  /** Whether stderr is a terminal: a progress line helps someone instead of filling a log. */
  final boolean stderrIsTerminal;
  /** Reads a line from the terminal without showing it (Console.readPassword); null without a console. */
  final Supplier<char[]> console;

  Io(Function<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean stdinIsTerminal,
      boolean stderrIsTerminal, Supplier<char[]> console) {
    this.env = Objects.requireNonNull(env, "env");
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.stdinIsTerminal = stdinIsTerminal;
    this.stderrIsTerminal = stderrIsTerminal;
    this.console = console;
  }

  /**
   * The process's environment and standard streams, written as UTF-8 (what {@code jq} reads).
   * A terminal is detected with {@link System#console()}: non-null when stdin and stdout are both
   * terminals (on Java 22 and later, where it may be non-null anyway, {@code Console.isTerminal()}
   * says). On Linux stderr is checked too ({@code /proc/self/fd/2}), so that
   * {@code 2>log} gets no progress line.
   */
  static Io system() {
    boolean terminal = consoleIsTerminal();
    Console console = terminal ? System.console() : null;
    return new Io(System::getenv, System.in,
        new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)),
        new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true),
        terminal, terminal && stderrMayBeTerminal(),
        console == null ? null : () -> console.readPassword("API token (not shown): "));
  }

  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal"); // Java 22+
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // before Java 22, a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** False when stderr is known to be a file or a pipe; true when it is a tty or cannot be told. */
  private static boolean stderrMayBeTerminal() {
    Path fd = Paths.get("/proc/self/fd/2");
    try {
      if (!Files.isSymbolicLink(fd)) {
        return true;
      }
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (Exception e) {
      return true;
    }
  }
}
