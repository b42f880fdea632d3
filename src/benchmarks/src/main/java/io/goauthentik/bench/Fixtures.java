package io.goauthentik.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The real-shape bodies of the library's tests (src/authentik-client/src/test/resources/fixtures), read
 * from the classpath.
 */
final class Fixtures {
  private Fixtures() {
  }

  /** The {@code refresh_token.json} body a server of {@code release} sends. */
  static byte[] refreshToken(String release) {
    String path = "/fixtures/" + release + "/refresh_token.json";
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("No fixture " + path + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
