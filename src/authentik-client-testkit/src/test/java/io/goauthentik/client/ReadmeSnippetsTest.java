package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README's Java snippets compile as shown, their imports included: each {@code ```java} block
 * becomes a class (its imports at the top, the rest the body of a method that may throw Exception),
 * or stays one when it declares a class itself (a JUnit test class, say), and javac compiles it for
 * Java 11, the oldest Java the library runs on, against the test classpath with the test kit as it
 * ships (its Java 11 classes, target/testkit-classes) ahead.
 * A failure names the snippet by its README line and gives javac's diagnostics at README lines.
 * A snippet that builds an AuthentikClient also closes it (try-with-resources or {@code close()}).
 * Code that is not meant to compile (a shell command, XML) goes in a block of another language.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("README.md").toAbsolutePath(); // surefire runs in the repository's top folder
  /** A line that starts a class declaration: an annotation, or {@code class} after modifiers. */
  private static final Pattern DECLARATION = Pattern.compile("(@\\w.*|((public|final|abstract) )*class \\w+.*)");

  /** One {@code ```java} block: the README line its code starts on, and the code. */
  record Snippet(int line, List<String> code) {
    @Override
    public String toString() {
      return "README.md line " + line;
    }
  }

  static List<Snippet> snippets() throws IOException {
    List<Snippet> snippets = new ArrayList<>();
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```java")) {
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
          end++;
        }
        snippets.add(new Snippet(start + 1, lines.subList(start, end)));
        i = end;
      }
    }
    return snippets;
  }

  @Test
  void readmeHasJavaSnippets() throws IOException {
    assertFalse(snippets().isEmpty(), "no ```java block in " + README);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compilesAsShown(Snippet snippet, @TempDir Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("--release", "11", "-proc:none", "-d", classes.toString(),
        "-classpath", classpath());

    boolean compiled = javac.getTask(null, null, diagnostics, options, null, List.of(source(snippet))).call();

    if (!compiled) {
      fail(snippet + " does not compile as shown:\n" + diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> "README.md:" + (snippet.line() + d.getLineNumber() - 1) + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void closesTheClientsItBuilds(Snippet snippet) {
    // Comments dropped, so "// or: AuthentikClient client = ..." opens nothing.
    String code = snippet.code().stream().map(line -> line.replaceAll("//.*", "")).collect(Collectors.joining("\n"));
    Matcher declared = Pattern.compile("AuthentikClient\\s+(\\w+)\\s*=").matcher(code);
    while (declared.find()) {
      String name = declared.group(1);
      boolean closed = Pattern.compile("try\\s*\\(\\s*AuthentikClient\\s+" + name + "\\b").matcher(code).find()
          || code.contains(name + ".close()");
      assertTrue(closed, snippet + " builds AuthentikClient " + name
          + " and neither opens it in try-with-resources nor calls " + name + ".close()");
    }
  }

  /** The name of the first class the snippet declares. */
  private static String declaredClass(Snippet snippet) {
    Matcher name = Pattern.compile("\\bclass (\\w+)").matcher(String.join("\n", snippet.code()));
    return name.find() ? name.group(1) : null;
  }

  /**
   * The test classpath with the test kit's Java 11 classes first: the test classes hold the kit too,
   * compiled for 17, which javac would not read for Java 11.
   */
  private static String classpath() {
    String kit = System.getProperty("testkit.classes");
    assertTrue(kit != null && Files.isDirectory(Path.of(kit)), "no test kit classes at " + kit
        + ": run the tests through Maven (surefire sets testkit.classes to target/testkit-classes)");
    return kit + File.pathSeparator + System.getProperty("java.class.path");
  }

  /**
   * The snippet as a class, line for line: the class and method open at the start of the first line
   * that is not an import, a comment or blank, and close after the last, so javac's line numbers are
   * the snippet's. A snippet whose first such line declares a class (or annotates one) is already a
   * compilation unit, compiled as it is.
   */
  private static JavaFileObject source(Snippet snippet) {
    StringBuilder code = new StringBuilder();
    boolean opened = false;
    String declared = null;
    for (String line : snippet.code()) {
      String trimmed = line.strip();
      if (!opened && !(trimmed.isEmpty() || trimmed.startsWith("import ") || trimmed.startsWith("//"))) {
        opened = true;
        declared = DECLARATION.matcher(trimmed).matches() ? declaredClass(snippet) : null;
        if (declared == null) {
          code.append("class ReadmeSnippet { static void run() throws Exception { ");
        }
      }
      code.append(line).append('\n');
    }
    if (declared == null) {
      code.append(opened ? "}}\n" : "class ReadmeSnippet {}\n");
    }
    String className = declared == null ? "ReadmeSnippet" : declared;
    return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }
}
