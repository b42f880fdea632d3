package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.testkit.FakeAuthentik;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs authentik-tokens in-process ({@link AuthentikTokens#run}) with an environment, stdin and
 * terminal flags of the test's choosing, and keeps what it printed.
 */
final class Tool {
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private boolean stdinIsTerminal;
  private boolean stderrIsTerminal;
  private int stdoutClosesAfter = -1;
  private String console;

  /** A tool configured for {@code fake} through AUTHENTIK_URL and AUTHENTIK_TOKEN. */
  static Tool against(FakeAuthentik fake) {
    return new Tool().env("AUTHENTIK_URL", fake.url()).env("AUTHENTIK_TOKEN", fake.token());
  }

  Tool env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Tool stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** Whether stdin and stderr are terminals (both are not, by default: a script). */
  Tool terminal(boolean stdin, boolean stderr) {
    this.stdinIsTerminal = stdin;
    this.stderrIsTerminal = stderr;
    return this;
  }

  /** What a person types at the terminal when asked for a secret (Console.readPassword); no console by default. */
  Tool console(String typed) {
    this.console = typed;
    return this;
  }

  /** Stdout is a pipe whose reader goes away after {@code bytes} bytes ({@code | head -c}). */
  Tool stdoutClosesAfter(int bytes) {
    this.stdoutClosesAfter = bytes;
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStream pipe = stdoutClosesAfter < 0 ? out : new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        if (out.size() >= stdoutClosesAfter) {
          throw new IOException("Broken pipe");
        }
        out.write(b);
      }
    };
    StringWriter err = new StringWriter();
    Io io = new Io(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(new OutputStreamWriter(pipe, StandardCharsets.UTF_8)), new PrintWriter(err), stdinIsTerminal,
        stderrIsTerminal, console == null ? null : console::toCharArray);
    int code = AuthentikTokens.run(io, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  /** What one run printed and its exit code. */
  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    /** Asserts the exit code, showing stderr when it differs. */
    Result exits(int expected) {
      assertEquals(expected, code, () -> "exit code; stderr: " + err + "; stdout: " + out);
      return this;
    }

    JsonElement json() {
      return JsonParser.parseString(out);
    }

    JsonArray array() {
      return json().getAsJsonArray();
    }

    JsonObject object() {
      return json().getAsJsonObject();
    }

    /** stdout as NDJSON: one object per non-empty line, each parsed on its own. */
    List<JsonObject> lines() {
      List<JsonObject> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(JsonParser.parseString(line).getAsJsonObject());
        }
      }
      return lines;
    }

    /** stderr's lines. */
    List<String> errLines() {
      List<String> lines = new ArrayList<>();
      for (String line : err.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      return lines;
    }
  }
}
