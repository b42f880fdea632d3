package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.testkit.FakeAuthentik;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real target/authentik-tokens.jar, started with {@code java -jar} in a process of its own
 * (integration-test phase, after package), against a fake authentik in this JVM.
 */
class AuthentikTokensJarIT {
  private static final Path JAR = Paths.get(System.getProperty("authentik.tokens.jar", "target/authentik-tokens.jar"));
  private static FakeAuthentik fake;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    fake = FakeAuthentik.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static final class Run {
    int code;
    String out;
    String err;
  }

  private Run java(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
    builder.environment().remove("AUTHENTIK_URL");
    builder.environment().remove("AUTHENTIK_TOKEN");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar ran for more than a minute");
    Run run = new Run();
    run.code = process.exitValue();
    run.out = Files.readString(out, StandardCharsets.UTF_8);
    run.err = Files.readString(err, StandardCharsets.UTF_8);
    return run;
  }

  @Test
  void helpListsTheCommandsAndExitCodes() throws Exception {
    Run help = java(Map.of(), "--help");

    assertEquals(0, help.code, help.err);
    assertTrue(help.out.startsWith("Usage: authentik-tokens "), help.out);
    assertTrue(help.out.contains("revoke-user") && help.out.contains("Exit codes:"), help.out);
  }

  @Test
  void listsAgainstAServerAsNdjson() throws Exception {
    int jdoe = fake.addUser("jar-jdoe");
    int other = fake.addUser("jar-other");
    int grafana = fake.addProvider("Jar Grafana");
    int first = fake.addRefreshToken(jdoe, grafana);
    int second = fake.addRefreshToken(jdoe, grafana);
    fake.addRefreshToken(other, grafana);

    Run list = java(Map.of("AUTHENTIK_URL", fake.url(), "AUTHENTIK_TOKEN", fake.token()),
        "refresh", "list", "--user", String.valueOf(jdoe), "--ordering", "pk", "--output", "ndjson");

    assertEquals(0, list.code, list.err);
    assertEquals("", list.err);
    String[] lines = list.out.split("\n");
    assertEquals(2, lines.length, list.out);
    JsonObject line = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals(first, line.get("pk").getAsInt());
    assertEquals("jar-jdoe", line.getAsJsonObject("user").get("username").getAsString());
    assertEquals(Records.MASK, line.get("id_token").getAsString());
    assertEquals(second, JsonParser.parseString(lines[1]).getAsJsonObject().get("pk").getAsInt());
  }

  @Test
  void aFailureIsOneLineAndItsExitCode() throws Exception {
    Run run = java(Map.of("AUTHENTIK_URL", fake.url(), "AUTHENTIK_TOKEN", fake.token()), "codes", "get", "999999");

    assertEquals(ExitCode.NOT_FOUND, run.code, run.err);
    assertEquals(1, run.err.split("\n").length, run.err);
    assertFalse(run.err.contains(fake.token()));
  }

  @Test
  void theJarHoldsNoModuleDescriptorAndNoVersionedEntries() throws IOException {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      List<String> odd = new ArrayList<>();
      jar.stream().map(entry -> entry.getName())
          .filter(name -> name.endsWith("module-info.class") || name.startsWith("META-INF/versions/"))
          .forEach(odd::add);
      assertEquals(List.of(), odd);
      assertTrue(jar.getEntry("picocli/CommandLine.class") != null, "picocli inside");
      assertTrue(jar.getEntry("okhttp3/OkHttpClient.class") != null, "okhttp inside");
      assertTrue(jar.getEntry("io/goauthentik/client/model/RefreshToken.class") != null, "the library inside");
    }
  }
}
