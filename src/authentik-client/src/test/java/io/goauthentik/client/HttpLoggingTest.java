package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code httpLogging(true)}: one INFO line per exchange on {@code io.goauthentik.client.http}, headers
 * at DEBUG (FINE) with credentials redacted, and never a body.
 */
@Isolated // reads the SDK's log, which test classes running beside it would write to
class HttpLoggingTest {
  private static final String TOKEN = "ak-logging-test-token-0a1b2c3d";
  private static final String RELEASE = "2024.6.3";
  private static final String BODY = Fixtures.load(RELEASE, "refresh_token.json");
  private static final String PATH = "/api/v3/oauth2/refresh_tokens/42/";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1)));
  private final MockWebServer server = authentik.server();
  private LogCapture log;

  @BeforeEach
  void start() {
    log = new LogCapture("io.goauthentik.client.http");
  }

  @AfterEach
  void stop() {
    log.close();
  }

  private AuthentikClient client(boolean logging) {
    return authentik.client(b -> b.httpLogging(logging));
  }

  private List<String> messages(Level level) {
    return log.records().stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
  }

  @Test
  void offByDefault() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    authentik.client().oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(List.of(), log.lines());
  }

  @Test
  void onePlainLinePerExchangeWithMethodUrlStatusAndTime() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    client(true).oauth2().oauth2RefreshTokensRetrieve(42);

    List<String> info = messages(Level.INFO);
    assertEquals(1, info.size(), info.toString());
    String expected = "GET " + server.url(PATH) + " -> 200 (";
    assertTrue(info.get(0).startsWith(expected) && info.get(0).endsWith(" ms)"), info.get(0));
  }

  @Test
  void headersAtDebugWithCredentialsRedacted() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Set-Cookie", "authentik_session=cookie-secret-42")
        .addHeader("X-Request-Id", "req-7").body(BODY).build());

    client(true).oauth2().oauth2RefreshTokensRetrieve(42);

    List<String> debug = messages(Level.FINE);
    assertEquals(2, debug.size(), debug.toString());
    assertTrue(debug.get(0).startsWith("--> GET " + server.url(PATH)), debug.get(0));
    assertTrue(debug.get(0).contains("Authorization: ██\n"), debug.get(0));
    assertTrue(debug.get(0).contains("User-Agent: " + AuthentikClient.USER_AGENT + "\n"), debug.get(0));
    assertTrue(debug.get(1).startsWith("<-- 200"), debug.get(1));
    assertTrue(debug.get(1).contains("Set-Cookie: ██\n"), debug.get(1));
    assertTrue(debug.get(1).contains("X-Request-Id: req-7\n"), debug.get(1));
    assertNoSecrets();
  }

  @Test
  void anyHeaderThatEchoesTheTokenIsMaskedAndControlCharactersCannotForgeALine() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Debug-Auth", "seen token=" + TOKEN)
        .addHeaderLenient("X-Note", "ok\u001b[31m\u0007 FAKE LOG LINE").body(BODY).build());

    client(true).oauth2().oauth2RefreshTokensRetrieve(42);

    String response = messages(Level.FINE).get(1);
    assertTrue(response.contains("X-Debug-Auth: seen token=****\n"), response);
    assertTrue(response.contains("X-Note: ok?[31m? FAKE LOG LINE\n"), response);
    assertNoSecrets();
    for (String line : log.lines()) {
      assertTrue(line.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n'), line);
    }
  }

  @Test
  void successBodyIsNeverLogged() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    client(true).oauth2().oauth2RefreshTokensRetrieve(42);

    String all = String.join("\n", log.lines());
    assertFalse(all.contains("s3cr3t-"), all);
    assertFalse(all.contains("/application/o/"), all);
    assertFalse(all.contains("akadmin"), all);
    assertFalse(all.contains("Nextcloud"), all);
  }

  @Test
  void errorsAndRetriesAreLoggedWithoutBodies() {
    server.enqueue(new MockResponse.Builder().code(503).body("maintenance until 3 pm").build());
    server.enqueue(new MockResponse.Builder().code(404).body("{\"detail\": \"No RefreshToken matches the given query.\"}")
        .build());

    AuthentikClient client = client(true);
    assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    List<String> info = messages(Level.INFO);
    assertEquals(2, info.size(), info.toString());
    assertTrue(info.get(0).startsWith("GET " + server.url(PATH) + " -> 503 ("), info.get(0));
    assertTrue(info.get(1).startsWith("GET " + server.url(PATH) + " -> 404 ("), info.get(1));
    String all = String.join("\n", log.lines());
    assertFalse(all.contains("maintenance"), all);
    assertFalse(all.contains("No RefreshToken"), all);
  }

  @Test
  void transportFailureIsLoggedByKind() throws Exception {
    AuthentikClient client = client(true);
    String url = server.url("/").toString();
    server.close();

    assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    List<String> info = messages(Level.INFO);
    assertEquals(3, info.size(), "one line per attempt: " + info);
    for (String line : info) {
      assertTrue(line.startsWith("GET " + url + "api/v3/oauth2/refresh_tokens/42/ failed after ")
          && line.endsWith(" ms: ConnectException"), line);
    }
    assertNoSecrets();
  }

  private void assertNoSecrets() {
    String all = String.join("\n", log.lines());
    assertFalse(all.contains(TOKEN), all);
    assertFalse(all.contains("Bearer"), all);
    assertFalse(all.contains("cookie-secret-42"), all);
  }
}
