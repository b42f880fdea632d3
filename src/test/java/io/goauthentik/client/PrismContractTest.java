package io.goauthentik.client;

import static io.goauthentik.client.ModelAssertions.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import io.goauthentik.client.model.RefreshToken;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract check against authentik's own schemas: Prism serves each release's schema
 * (src/test/resources/upstream) with random data, the SDK retrieves refresh tokens from it, and
 * Prism validates every request the SDK sends (path, method, bearer token). Needs Node.js and Prism,
 * so it runs only in the {@code contract} profile: {@code mvn -B verify -Pcontract}, with the Prism
 * executable in the {@code PRISM_BIN} system property or environment variable, or on PATH.
 */
@Tag("contract")
class PrismContractTest {
  private static final int RETRIEVES = Integer.getInteger("contract.retrieves", 30);
  private static final long STARTUP_SECONDS = 120;
  private static final long SEED = Long.getLong("contract.seed", System.nanoTime());

  static Stream<String> releases() throws IOException, URISyntaxException {
    Path dir = Path.of(PrismContractTest.class.getResource("/upstream").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("oauth2-tokens-") && n.endsWith(".yml"))
          .map(n -> n.substring("oauth2-tokens-".length(), n.length() - ".yml".length()))
          .sorted(Comparator.comparing(r -> Arrays.stream(r.split("\\.")).mapToInt(Integer::parseInt).toArray(),
              Arrays::compare))
          .toList() // materialised: the directory stream closes on return
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void sdkReadsWhatTheReleasesSchemaAllowsAndSendsValidRequests(String release, @TempDir Path dir) throws Exception {
    AtomicReference<String> lastBody = new AtomicReference<>();
    // Keeps a copy of each body, so the decoded model can be compared with what Prism sent.
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
      Response response = chain.proceed(chain.request());
      lastBody.set(response.peekBody(Long.MAX_VALUE).string());
      return response;
    }).build();
    Random random = new Random(SEED);

    try (Prism prism = Prism.start(mountUnderApiRoot(release, dir));
        AuthentikClient client = AuthentikClient.builder().baseUrl(prism.url()).token("contract-test-token")
            .httpClient(http).maxRetries(0).build()) {
      List<String> failures = new ArrayList<>();
      Set<String> invented = new TreeSet<>();
      for (int i = 0; i < RETRIEVES; i++) {
        int id = 1 + random.nextInt(Integer.MAX_VALUE - 1);
        lastBody.set(null);
        try {
          RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(id);
          assertNotNull(token.getPk(), "pk");
          // Schemas without additionalProperties: false let Prism invent properties; the SDK skips them.
          assertMatches(JsonParser.parseString(lastBody.get()), token, path -> invented.add(owner(path)));
        } catch (ApiException | AssertionError e) {
          failures.add("id " + id + ": " + e + "\n  body: " + lastBody.get());
        }
      }

      assertEquals(List.of(), failures, release + " (seed " + SEED + "): retrieves that failed");
      System.out.println(release + ": " + RETRIEVES + " retrieves, the SDK skipped properties Prism invented in: " + invented);
      prism.awaitHandled(RETRIEVES);
      assertEquals(List.of(), prism.violations(), release + ": Prism found faults in the SDK's requests");
      assertEquals(RETRIEVES, prism.count("The request passed the validation rules"),
          () -> release + ": Prism did not validate every request:\n" + prism.output());

      // The check itself can fail: a request without the bearer token is a fault Prism reports.
      Request anonymous = new Request.Builder().url(prism.url() + "/api/v3/oauth2/refresh_tokens/1/").build();
      try (Response response = http.newCall(anonymous).execute()) {
        assertEquals(401, response.code());
      }
      prism.awaitHandled(RETRIEVES + 1);
      assertFalse(prism.violations().isEmpty(), () -> "Prism reported no fault for a request without a token:\n" + prism.output());
    }
  }

  /** {@code $.user.roles_obj[]} for {@code $.user.roles_obj[3].random_key}. */
  private static String owner(String path) {
    return path.substring(0, path.lastIndexOf('.')).replaceAll("\\[\\d+]", "[]");
  }

  /**
   * The release's schema with its paths under /api/v3. authentik's full schema declares
   * {@code servers: [{url: /api/v3}]}; the cut omits it and Prism ignores a server's path anyway,
   * so the test mounts the paths where authentik serves them and Prism checks the SDK's real path.
   */
  private static Path mountUnderApiRoot(String release, Path dir) throws IOException, URISyntaxException {
    Path source = Path.of(PrismContractTest.class.getResource("/upstream/oauth2-tokens-" + release + ".yml").toURI());
    String schema = Files.readString(source).replaceAll("(?m)^  /", "  /api/v3/");
    assertTrue(schema.contains("\n  /api/v3/oauth2/refresh_tokens/{id}/:\n"), "no refresh token path in " + source);
    return Files.writeString(dir.resolve(source.getFileName()), schema);
  }

  /** A {@code prism mock -d} child process and everything it printed. */
  private static final class Prism implements AutoCloseable {
    private final Process process;
    private final int port;
    private final List<String> lines = new ArrayList<>(); // guarded by this
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Thread reader;

    private Prism(Process process, int port) {
      this.process = process;
      this.port = port;
      this.reader = new Thread(this::readOutput, "prism-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Prism start(Path schema) throws IOException, InterruptedException {
      int port = freePort();
      Process process = new ProcessBuilder(executable(), "mock", "-d", "-h", "127.0.0.1", "-p", String.valueOf(port),
          schema.toString()).redirectErrorStream(true).start();
      Prism prism = new Prism(process, port);
      // Ready when Prism says it listens (or exits); then the port must accept a connection.
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

    /** Lines where Prism reports a request that breaks the schema (path, method, parameters, security). */
    synchronized List<String> violations() {
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
    synchronized void awaitHandled(int requests) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long handled;
      while ((handled = count("> Responding with") + count("Request terminated with error")) < requests) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !reader.isAlive()) {
          fail("Prism logged the outcome of " + handled + " of " + requests + " requests:\n" + output());
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
}
