package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A {@code prism mock -d} child process on a free loopback port, and everything it printed: the
 * whole-API contract sweep serves each release's schema with it. The executable comes from the
 * {@code PRISM_BIN} system property or environment variable, or PATH.
 */
final class PrismProcess implements AutoCloseable {
  private static final long STARTUP_SECONDS = 180;

  private final Process process;
  private final int port;
  private final List<String> lines = new ArrayList<>(); // guarded by this
  private final CountDownLatch listening = new CountDownLatch(1);
  private final Thread reader;

  private PrismProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.reader = new Thread(this::readOutput, "prism-output");
    reader.setDaemon(true);
    reader.start();
  }

  static PrismProcess start(Path schema) throws IOException, InterruptedException {
    int port = freePort();
    Process process = new ProcessBuilder(executable(), "mock", "-d", "-h", "127.0.0.1", "-p", String.valueOf(port),
        schema.toString()).redirectErrorStream(true).start();
    PrismProcess prism = new PrismProcess(process, port);
    boolean signalled = prism.listening.await(STARTUP_SECONDS, TimeUnit.SECONDS);
    if (!signalled || !process.isAlive() || !prism.acceptsConnections()) {
      prism.close();
      fail("Prism did not start on port " + port + ":\n" + prism.output());
    }
    return prism;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** How many lines so far: a mark for {@link #since}. */
  synchronized int mark() {
    return lines.size();
  }

  /**
   * Lines since {@code mark} where Prism reports a request that breaks the schema (not its findings
   * about its own random responses, which authentik's oneOfs make it log).
   */
  synchronized List<String> violationsSince(int mark) {
    return lines.subList(mark, lines.size()).stream()
        .filter(l -> l.contains("Request did not pass the validation rules") || l.contains("Request terminated with error")
            || l.contains("Violation: request") || l.contains("Invalid security scheme"))
        .collect(Collectors.toList());
  }

  /**
   * Every line where Prism reports a fault in a request or its validator reports a finding at all:
   * for a schema without authentik's oneOfs (the token surface), whose random responses it does not
   * fault, there must be none.
   */
  synchronized List<String> findings() {
    return lines.stream()
        .filter(l -> l.contains("did not pass the validation rules") || l.contains("Request terminated with error")
            || (l.contains("[VALIDATOR]") && (l.contains("✖") || l.contains("⚠"))))
        .collect(Collectors.toList());
  }

  synchronized long count(String text) {
    return lines.stream().filter(l -> l.contains(text)).count();
  }

  synchronized String output() {
    return String.join("\n", lines);
  }

  /** Waits until Prism has logged the outcome (an answer or a refusal) of {@code requests} requests. */
  synchronized void awaitHandled(long requests) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long handled;
    while ((handled = count("> Responding with") + count("Request terminated with error")) < requests) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || !reader.isAlive()) {
        fail("Prism logged the outcome of " + handled + " of " + requests + " requests");
      }
      wait(left);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        add(line);
        if (line.contains("Prism is listening")) {
          listening.countDown();
        }
      }
    } catch (IOException e) {
      add("(output lost: " + e + ")");
    } finally {
      listening.countDown();
      synchronized (this) {
        notifyAll();
      }
    }
  }

  private synchronized void add(String line) {
    lines.add(line);
    notifyAll();
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String executable() {
    String configured = System.getProperty("PRISM_BIN", System.getenv("PRISM_BIN"));
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "prism");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail("Prism not found: set PRISM_BIN or put prism on PATH "
        + "(npm install --no-save --prefix target/prism @stoplight/prism-cli@5.16.0)");
  }
}
