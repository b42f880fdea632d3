package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.testkit.FakeAuthentik;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the URL and the token come from, and the token the tool refuses to take on its command line. */
class ToolConfigTest {
  private static final String SECRET = "ak-typed-on-the-command-line-0123456789";

  private final FakeAuthentik fake = FakeAuthentik.start();
  private final int jdoe = fake.addUser("jdoe");
  private final int grafana = fake.addProvider("Grafana");
  private final int id = fake.addRefreshToken(jdoe, grafana);

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    fake.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--token", "--token="})
  void aTokenOnTheCommandLineIsRefusedAndNotRepeated(String option) {
    String[] args = option.endsWith("=") ? new String[] {"refresh", "list", option + SECRET}
        : new String[] {"refresh", "list", option, SECRET};

    Tool.Result result = new Tool().env("AUTHENTIK_URL", fake.url()).run(args).exits(ExitCode.USAGE);

    assertEquals(1, result.errLines().size(), result.err);
    assertTrue(result.err.startsWith("authentik-tokens: --token is refused: a token on the command line is visible"),
        result.err);
    assertTrue(result.err.contains("process list (ps)") && result.err.contains("shell history"), result.err);
    assertTrue(result.err.contains("AUTHENTIK_TOKEN") && result.err.contains("--token-file"), result.err);
    assertFalse(result.err.contains(SECRET), "never repeated");
    assertEquals("", result.out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-t S", "--tok S", "--tok=S", "--TOKEN S", "--Token=S", "-- --token S", "refresh list -- --token S",
      "--token-file S", "--token-file=S", "--output S", "--url http://127.0.0.1:9 --url S", "refresh get S",
      "refresh list S", "refresh list --user S", "refresh list --limit S", "refresh revoke 1 S", "S", "-S", "--S",
      "revoke-user --user S"})
  void nearMissesOfTokenNeverRepeatTheValue(String line) {
    List<String> args = new ArrayList<>();
    for (String word : line.split(" ")) {
      args.add(word.replace("S", SECRET));
    }
    if (!line.startsWith("refresh") && !line.startsWith("revoke-user")) {
      args.addAll(List.of("refresh", "list"));
    }

    Tool.Result result = new Tool().env("AUTHENTIK_URL", fake.url()).run(args.toArray(String[]::new))
        .exits(ExitCode.USAGE);

    assertEquals(1, result.errLines().size(), result.err);
    assertFalse(result.err.contains(SECRET) || result.out.contains(SECRET), result.err);
    assertFalse(result.err.contains("ak-typed"), "not even a part: " + result.err);
    assertEquals(List.of(), fake.requests(), "nothing sent");
  }

  @Test
  void atFilesAreNotExpanded() throws IOException {
    Path file = Files.write(dir.resolve("tokfile"), (SECRET + "\n").getBytes(StandardCharsets.UTF_8));
    Tool tool = new Tool().env("AUTHENTIK_URL", fake.url()).env("AUTHENTIK_TOKEN", fake.token());

    Tool.Result positional = tool.run("refresh", "list", "@" + file).exits(ExitCode.USAGE);
    Tool.Result tokenFile = tool.run("refresh", "list", "--token-file", "@" + file).exits(ExitCode.USAGE);
    Tool.Result options = tool.run("@" + file, "refresh", "list").exits(ExitCode.USAGE);

    for (Tool.Result result : List.of(positional, tokenFile, options)) {
      assertFalse(result.err.contains(SECRET) || result.out.contains(SECRET), result.err);
      assertEquals(1, result.errLines().size(), result.err);
    }
  }

  @Test
  void aTokenFileLargerThan64KiBIsAUsageError() throws IOException {
    Path big = Files.write(dir.resolve("big"), "a".repeat(64 * 1024 + 1).getBytes(StandardCharsets.UTF_8));
    Path limit = Files.write(dir.resolve("limit"), (fake.token() + " ".repeat(64 * 1024 - fake.token().length()))
        .getBytes(StandardCharsets.UTF_8));
    Tool tool = new Tool().env("AUTHENTIK_URL", fake.url());

    Tool.Result file = tool.run("refresh", "list", "--token-file", big.toString()).exits(ExitCode.USAGE);
    Tool.Result stdin = tool.stdin("a".repeat(1024 * 1024)).run("refresh", "list", "--token-file", "-")
        .exits(ExitCode.USAGE);
    tool.run("refresh", "get", String.valueOf(id), "--token-file", limit.toString()).exits(0);

    assertTrue(file.err.contains("larger than 64 KiB"), file.err);
    assertTrue(stdin.err.contains("stdin is larger than 64 KiB"), stdin.err);
    assertEquals(1, fake.requests().size(), "only the run whose file is 64 KiB sent anything");
  }

  @Test
  void tokenFileDashOnATerminalReadsWithoutEcho() {
    // On a terminal the token is read with Console.readPassword: the test's console answers it,
    // and stdin (which would echo) holds nothing.
    new Tool().env("AUTHENTIK_URL", fake.url()).terminal(true, false).console(fake.token())
        .run("--token-file", "-", "refresh", "get", String.valueOf(id)).exits(0);
  }

  @Test
  void theEnvironmentConfiguresTheRun() {
    Tool.against(fake).run("refresh", "get", String.valueOf(id)).exits(0);
  }

  @Test
  void urlOverridesTheEnvironment() {
    new Tool().env("AUTHENTIK_URL", "http://127.0.0.1:9").env("AUTHENTIK_TOKEN", fake.token())
        .run("refresh", "get", String.valueOf(id), "--url", fake.url()).exits(0);
  }

  @Test
  void tokenFileOverridesTheEnvironment() throws IOException {
    Path file = dir.resolve("token");
    Files.write(file, (fake.token() + "\n").getBytes(StandardCharsets.UTF_8));

    new Tool().env("AUTHENTIK_URL", fake.url()).env("AUTHENTIK_TOKEN", "ak-wrong")
        .run("refresh", "get", String.valueOf(id), "--token-file", file.toString()).exits(0);
  }

  @Test
  void tokenFileDashReadsStdin() {
    new Tool().env("AUTHENTIK_URL", fake.url()).stdin(fake.token() + "\n")
        .run("--token-file", "-", "refresh", "get", String.valueOf(id)).exits(0);
  }

  @Test
  void missingConfigurationIsAUsageErrorNamingTheVariable() {
    Tool.Result noUrl = new Tool().env("AUTHENTIK_TOKEN", fake.token()).run("refresh", "list").exits(ExitCode.USAGE);
    Tool.Result noToken = new Tool().env("AUTHENTIK_URL", fake.url()).run("refresh", "list").exits(ExitCode.USAGE);

    assertEquals(List.of("authentik-tokens refresh list: no server URL: set AUTHENTIK_URL or pass --url, such as "
        + "--url https://auth.example.com (see 'authentik-tokens refresh list --help')"), noUrl.errLines());
    assertTrue(noToken.err.startsWith("authentik-tokens refresh list: no API token: set AUTHENTIK_TOKEN or pass "
        + "--token-file PATH"), noToken.err);
  }

  @Test
  void anUnusableTokenFileIsAUsageError() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    Path twoLines = Files.write(dir.resolve("two"), "ak-one\nak-two\n".getBytes(StandardCharsets.UTF_8));
    Tool tool = new Tool().env("AUTHENTIK_URL", fake.url());

    Tool.Result absent = tool.run("refresh", "list", "--token-file", dir.resolve("absent").toString())
        .exits(ExitCode.USAGE);
    assertTrue(absent.err.contains("the file of --token-file does not exist"), absent.err);
    assertFalse(absent.err.contains(dir.toString()), "the path, which might be the token, is not shown");
    assertTrue(tool.run("refresh", "list", "--token-file", empty.toString()).exits(ExitCode.USAGE).err
        .contains("is empty"));
    Tool.Result two = tool.run("refresh", "list", "--token-file", twoLines.toString()).exits(ExitCode.USAGE);
    assertTrue(two.err.contains("has more than one line"), two.err);
    assertFalse(two.err.contains("ak-one"), two.err);
  }

  @Test
  void aBadUrlIsAUsageError() {
    Tool.Result result = new Tool().env("AUTHENTIK_URL", "auth.example.com").env("AUTHENTIK_TOKEN", "ak-x")
        .run("refresh", "list").exits(ExitCode.USAGE);

    assertTrue(result.err.contains("baseUrl must be an http:// or https:// URL"), result.err);
  }

  @Test
  void helpAndVersionNeedNoConfiguration() {
    Tool.Result help = new Tool().run("--help").exits(0);
    Tool.Result version = new Tool().run("--version").exits(0);

    assertTrue(help.out.contains("Exit codes:"), help.out);
    for (String command : List.of("refresh", "access", "codes", "revoke-user", "completion")) {
      assertTrue(help.out.contains("\n  " + command + " "), command + " in " + help.out);
    }
    assertTrue(version.out.startsWith("authentik-tokens "), version.out);
  }

  @Test
  void everyCommandListsTheExitCodesInItsHelp() {
    for (String[] command : List.of(new String[] {"refresh", "list", "--help"}, new String[] {"codes", "revoke", "-h"},
        new String[] {"revoke-user", "--help"})) {
      String help = new Tool().run(command).exits(0).out;
      for (int code : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 70}) {
        assertTrue(help.matches("(?s).*\n +" + code + " +\\S.*"), code + " in " + help);
      }
    }
  }

  @Test
  void completionPrintsABashScriptOfTheCommands() {
    String script = new Tool().run("completion").exits(0).out;

    assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 80));
    assertTrue(script.contains("complete -F _complete_authentik-tokens"), "registers the function");
    for (String word : List.of("refresh", "access", "codes", "revoke-user", "used-by", "--token-file", "ndjson")) {
      assertTrue(script.contains(word), word);
    }
  }
}
