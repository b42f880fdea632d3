package io.goauthentik.tokens;

import io.goauthentik.client.AuthentikClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;

/**
 * Where the server's URL and the API token come from: {@code --url} over {@code AUTHENTIK_URL},
 * {@code --token-file} over {@code AUTHENTIK_TOKEN}. Never the command line for the token: see
 * {@link TokenArgumentGuard}.
 */
final class ClientConfig {
  /** The most a token file may hold: a token is some dozens of bytes. */
  static final int MAX_TOKEN_FILE = 64 * 1024;

  private ClientConfig() {
  }

  /**
   * A client for this run's server and token.
   *
   * @throws UsageException when the URL or the token is missing or unusable, saying which and how
   *     to set it (never showing the token)
   */
  static AuthentikClient client(Io io, GlobalOptions options) {
    String url = options.url != null ? options.url : io.env.apply("AUTHENTIK_URL");
    if (url == null || url.isBlank()) {
      throw new UsageException("no server URL: set AUTHENTIK_URL or pass --url, such as --url https://auth.example.com");
    }
    String token = options.tokenFile != null ? readTokenFile(io, options.tokenFile) : io.env.apply("AUTHENTIK_TOKEN");
    if (token == null || token.isBlank()) {
      throw new UsageException("no API token: set AUTHENTIK_TOKEN or pass --token-file PATH (--token-file - reads stdin)");
    }
    try {
      return AuthentikClient.builder().baseUrl(url).token(token).httpLogging(options.debug).build();
    } catch (IllegalArgumentException | NullPointerException e) {
      // The SDK's messages name what to fix and never echo the token.
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The file's content without surrounding whitespace (the newline an editor or echo adds). The
   * path is never repeated: it may be the token itself, pasted in the wrong place. From a terminal
   * ({@code -} on a console) the token is read without echo.
   */
  private static String readTokenFile(Io io, String path) {
    boolean stdin = "-".equals(path);
    String where = stdin ? "stdin" : "the file of --token-file";
    String token;
    try {
      if (stdin && io.stdinIsTerminal && io.console != null) {
        char[] typed = io.console.get();
        token = typed == null ? "" : new String(typed).strip();
        if (token.length() > MAX_TOKEN_FILE) {
          throw tooLarge(where);
        }
      } else if (stdin) {
        token = read(io.in, where).strip();
      } else {
        try (InputStream file = Files.newInputStream(Paths.get(path))) {
          token = read(file, where).strip();
        }
      }
    } catch (NoSuchFileException e) {
      throw new UsageException(where + " does not exist (its path is not shown: it might be the token)");
    } catch (IOException | InvalidPathException e) {
      throw new UsageException("cannot read " + where + " (" + e.getClass().getSimpleName() + ")");
    }
    if (token.isEmpty()) {
      throw new UsageException(where + " is empty: it should hold the API token");
    }
    if (token.indexOf('\n') >= 0) {
      throw new UsageException(where + " has more than one line: it should hold only the API token");
    }
    return token;
  }

  /** At most {@link #MAX_TOKEN_FILE} bytes as UTF-8: {@code /dev/zero} or a wrong file must not fill the memory. */
  private static String read(InputStream in, String where) throws IOException {
    byte[] bytes = in.readNBytes(MAX_TOKEN_FILE + 1);
    if (bytes.length > MAX_TOKEN_FILE) {
      throw tooLarge(where);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static UsageException tooLarge(String where) {
    return new UsageException(where + " is larger than 64 KiB: it should hold only the API token");
  }
}
