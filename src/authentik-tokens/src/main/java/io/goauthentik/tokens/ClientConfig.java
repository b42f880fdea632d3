package io.goauthentik.tokens;

import io.goauthentik.client.AuthentikClient;
import java.io.IOException;
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

  /** The file's content without surrounding whitespace (the newline an editor or echo adds). */
  private static String readTokenFile(Io io, String path) {
    boolean stdin = "-".equals(path);
    String where = stdin ? "stdin" : "the token file " + path;
    String token;
    try {
      byte[] bytes = stdin ? io.in.readAllBytes() : Files.readAllBytes(Paths.get(path));
      token = new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new UsageException(where + " does not exist");
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
}
