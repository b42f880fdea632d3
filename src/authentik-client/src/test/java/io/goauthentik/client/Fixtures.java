package io.goauthentik.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the response fixtures from the test classpath (src/test/resources/fixtures). */
final class Fixtures {
  private Fixtures() {
  }

  /** The text of {@code fixtures/<release>/<file>}, such as {@code load("2024.2.2", "refresh_token.json")}. */
  static String load(String release, String file) {
    String path = "/fixtures/" + release + "/" + file;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
