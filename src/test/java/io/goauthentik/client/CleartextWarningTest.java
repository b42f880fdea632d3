package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Building a client for a plain http:// URL of another machine logs one WARNING on the
 * {@code io.goauthentik.client} logger: the token would cross the network unencrypted. Building
 * sends nothing, so these tests need no server.
 */
class CleartextWarningTest {
  private static final String TOKEN = "ak-cleartext-token-8e2a4c6b0d";

  @Test
  void plainHttpToAnotherHostWarnsOnceWithoutTheToken() {
    try (LogCapture log = new LogCapture("io.goauthentik.client")) {
      AuthentikClient.builder().baseUrl("http://authentik.invalid").token(TOKEN).build().close();

      List<String> warnings = log.messages(Level.WARNING);
      assertEquals(1, warnings.size(), () -> log.lines().toString());
      assertEquals(1, log.lines().size(), () -> log.lines().toString());
      String warning = warnings.get(0);
      assertTrue(warning.contains("http://authentik.invalid"), warning);
      assertTrue(warning.contains("unencrypted"), warning);
      assertFalse(warning.contains(TOKEN), warning);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://authentik.invalid", "https://authentik.invalid:8443/sub/", "http://127.0.0.1:9000",
      "http://127.0.0.2", "http://localhost", "http://LOCALHOST:9000/", "http://[::1]:9000"})
  void httpsOrLoopbackDoesNotWarn(String baseUrl) {
    try (LogCapture log = new LogCapture("io.goauthentik.client")) {
      AuthentikClient.builder().baseUrl(baseUrl).token(TOKEN).build().close();

      assertEquals(List.of(), log.lines());
    }
  }
}
