package io.goauthentik.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite with JMH's own command-line options, writes the JSON result
 * (target/jmh-result.json unless -rff says otherwise) and prints the ratio table built from it,
 * also written to target/jmh-report.md. {@code --report FILE} only renders an earlier result.
 */
public final class Bench {
  private static final List<String> JMH_INFO_FLAGS = List.of("-h", "-l", "-lp", "-lprof", "-lrf");

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--report")) {
      report(Path.of(args[1]));
      return;
    }
    if (Arrays.stream(args).anyMatch(JMH_INFO_FLAGS::contains)) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    CommandLineOptions cli = new CommandLineOptions(args);
    Path result = Path.of(cli.getResult().orElse("target/jmh-result.json"));
    Options options = new OptionsBuilder().parent(cli)
        .resultFormat(ResultFormatType.JSON)
        .result(result.toString())
        .build();
    new Runner(options).run();
    report(result);
  }

  private static void report(Path result) throws Exception {
    String markdown = Report.render(Files.readString(result, StandardCharsets.UTF_8));
    Path out = result.resolveSibling("jmh-report.md");
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(markdown);
    System.out.println("(written to " + out + ")");
  }
}
