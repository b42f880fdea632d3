package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a user's named module sees it: a module with only {@code requires
 * io.goauthentik.client;} compiles against the public API (OkHttp's and Gson's types included,
 * through {@code requires transitive}) and runs on the module path; the {@code internal} package
 * is out of its reach.
 */
class ModulePathTest {
  /** The runtime dependencies, by the start of their jar names; nothing else goes on the module path. */
  private static final List<String> RUNTIME_JARS = List.of("okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-",
      "annotations-13", "gson-", "error_prone_annotations-", "jakarta.annotation-api-");

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik("ak-module-test-token");
  private final MockWebServer server = authentik.server();

  @TempDir
  Path dir;

  @Test
  void aModuleThatRequiresOnlyTheLibraryCompilesAndRuns() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2026.5.6", "refresh_token.json")).build());
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"detail\": \"Not found.\"}").build());
    write("demo.app/module-info.java", "module demo.app { requires io.goauthentik.client; }");
    write("demo.app/demo/app/Main.java", String.join("\n",
        "package demo.app;",
        "import io.goauthentik.client.AuthentikClient;",
        "import io.goauthentik.client.model.RefreshToken;",
        "public class Main {",
        "  public static void main(String[] args) throws Exception {",
        "    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();", // okhttp3, read through the library
        "    try (AuthentikClient client = AuthentikClient.builder().baseUrl(args[0]).token(args[1]).httpClient(http)",
        "        .build()) {",
        "      RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);",
        "      RefreshToken copy = RefreshToken.fromJson(new com.google.gson.stream.JsonReader(", // and Gson
        "          new java.io.StringReader(\"{\\\"pk\\\": 7}\")));",
        "      System.out.println(token.getUser().getUsername() + \" via \" + token.getProvider().getName()"
            + " + \" and \" + copy.getPk());",
        "      try {", // the exceptions' public parent, and the revocation package, are exported
        "        client.oauth2().oauth2RefreshTokensRetrieve(43);",
        "      } catch (io.goauthentik.client.GenericErrorException e) {",
        "        System.out.println(e.getGenericError().getDetail() + \" \" + io.goauthentik.client.revocation.TokenKind.REFRESH_TOKEN);",
        "      }",
        "    } finally {",
        "      http.dispatcher().executorService().shutdown();",
        "    }",
        "  }",
        "}"));

    assertEquals("", compile("demo.app"), "compiler output");
    Process run = new ProcessBuilder(java(), "--module-path", dir.resolve("out") + File.pathSeparator + modulePath(),
        "-m", "demo.app/demo.app.Main", server.url("/").toString(), authentik.token()).redirectErrorStream(true).start();
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the module did not finish");
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, run.exitValue(), output);
    assertEquals("akadmin via Provider for Jellyfin and 7\nNot found. REFRESH_TOKEN", output.strip());
  }

  @Test
  void theInternalPackageIsOutOfReach() throws Exception {
    write("demo.sneaky/module-info.java", "module demo.sneaky { requires io.goauthentik.client; }");
    write("demo.sneaky/demo/sneaky/Main.java", String.join("\n",
        "package demo.sneaky;",
        "public class Main {",
        "  Object caller = io.goauthentik.client.internal.ToStrings.mask(\"x\");",
        "}"));

    String errors = compile("demo.sneaky");

    assertTrue(errors.contains("package io.goauthentik.client.internal is not visible"), errors);
  }

  private String compile(String module) throws IOException, URISyntaxException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "11", "-d", dir.resolve("out").resolve(module).toString(),
        "--module-path", modulePath()));
    try (var sources = Files.walk(dir.resolve(module))) {
      sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    javac.run(null, out, out, args.toArray(new String[0]));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The library's classes (an exploded module with its descriptor) and its runtime dependencies. */
  private static String modulePath() throws URISyntaxException {
    Path library = Path.of(AuthentikClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.exists(library.resolve("module-info.class")), "no module descriptor in " + library);
    List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> RUNTIME_JARS.stream().anyMatch(name -> Path.of(entry).getFileName().toString().startsWith(name)))
        .collect(Collectors.toList());
    assertEquals(RUNTIME_JARS.size(), jars.size(), "runtime jars found: " + jars);
    assertFalse(jars.contains(library.toString()));
    return library + File.pathSeparator + String.join(File.pathSeparator, jars);
  }

  private void write(String file, String text) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
