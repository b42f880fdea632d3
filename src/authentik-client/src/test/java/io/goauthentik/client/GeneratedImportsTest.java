package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated sources import what they use and nothing else: users read them (in the sources jar,
 * in their IDE), and a template line is repeated in every file. The rule is simple on purpose: an
 * imported simple name must appear elsewhere in the file; no import on demand ({@code .*}); no
 * import twice.
 */
class GeneratedImportsTest {
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;\\s*$",
      Pattern.MULTILINE);

  @Test
  void everyImportOfTheGeneratedSourcesIsUsed() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(generatedSources())) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertTrue(files.size() > 900, "generated sources found: " + files.size());

    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      problems.addAll(problems(file.getFileName().toString(), read(file)));
    }

    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())),
        problems.size() + " unused, duplicate or on-demand imports; the templates are in src/main/openapi-templates");
  }

  @Test
  void theRuleFindsAnUnusedImport() {
    String source = "package p;\n\nimport java.util.List;\nimport java.util.Map;\nimport java.util.*;\n"
        + "import java.util.Map;\n\nclass A {\n  Map<String, String> m;\n}\n";

    assertEquals(List.of("A.java: java.util.List is not used", "A.java: java.util.* imports on demand",
        "A.java: java.util.Map is imported twice"), problems("A.java", source));
  }

  private static List<String> problems(String name, String source) {
    List<String> problems = new ArrayList<>();
    String rest = IMPORT.matcher(source).replaceAll("");
    Set<String> seen = new HashSet<>();
    Matcher m = IMPORT.matcher(source);
    while (m.find()) {
      String imported = m.group(2);
      if (imported.endsWith(".*")) {
        problems.add(name + ": " + imported + " imports on demand");
      } else if (!seen.add(imported)) {
        problems.add(name + ": " + imported + " is imported twice");
      } else {
        String simple = imported.substring(imported.lastIndexOf('.') + 1);
        if (!Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(rest).find()) {
          problems.add(name + ": " + imported + " is not used");
        }
      }
    }
    return problems;
  }

  /** target/generated-sources/openapi of this module, beside target/test-classes. */
  private static Path generatedSources() throws Exception {
    Path testClasses = Path.of(GeneratedImportsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return testClasses.getParent().resolve("generated-sources").resolve("openapi");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
