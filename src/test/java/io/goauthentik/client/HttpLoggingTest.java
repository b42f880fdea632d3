package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code httpLogging(true)} logs each exchange to the {@code io.goauthentik.client.http} logger:
 * INFO method, URL and status; DEBUG (java.util.logging FINE) the headers with Authorization
 * redacted. Never a body, never the token; nothing at all when logging is off (the default).
 */
class HttpLoggingTest {
  private static final String TOKEN = "ak-logging-token-3c1d5e7f9a";
  private static final String FIXTURE = Fixtures.load("2024.2.2", "refresh_token.json");
  /** The start of the fixture's client_secret. */
  private static final String SECRET = "s3cr3t-0Xh3PGqzdEyoIJVzNQdH04Bz9fCnlHiT";

  private final MockWebServer server = new MockWebServer();
  private LogCapture log;

  @BeforeEach
  void start() throws Exception {
    server.start();
    log = new LogCapture("io.goauthentik.client.http");
  }

  @AfterEach
  void stop() {
    log.close();
    server.close();
  }

  @Test
  void oneInfoLinePerExchangeWithMethodUrlAndStatus() {
    server.enqueue(json(200, FIXTURE));
    server.enqueue(json(404, Fixtures.load("2024.2.2", "404.json")));
    try (AuthentikClient client = client(true, 0)) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
      assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(7));
    }

    List<String> info = log.messages(Level.INFO);
    assertEquals(2, info.size(), info::toString);
    assertTrue(info.get(0).matches("GET " + url(42) + " -> 200 \\(\\d+ ms\\)"), info.get(0));
    assertTrue(info.get(1).matches("GET " + url(7) + " -> 404 \\(\\d+ ms\\)"), info.get(1));
  }

  @Test
  void everyAttemptOfARetriedCallIsLogged() {
    // The first connection drops; OkHttp does not retry a fresh connection by itself, the SDK does.
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(503, "busy"));
    server.enqueue(json(200, FIXTURE));
    try (AuthentikClient client = client(true, 2)) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
    }

    List<String> info = log.messages(Level.INFO);
    assertEquals(3, info.size(), info::toString);
    assertTrue(info.get(0).matches("GET " + url(42) + " failed after \\d+ ms: \\w+"), info.get(0));
    assertTrue(info.get(1).matches("GET " + url(42) + " -> 503 \\(\\d+ ms\\)"), info.get(1));
    assertTrue(info.get(2).matches("GET " + url(42) + " -> 200 \\(\\d+ ms\\)"), info.get(2));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void debugLinesShowHeadersWithAuthorizationRedacted() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("Set-Cookie", "authentik_session=" + TOKEN).body(FIXTURE).build());
    try (AuthentikClient client = client(true, 0)) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
    }

    List<String> debug = log.messages(Level.FINE);
    assertEquals(2, debug.size(), debug::toString);
    String sent = debug.get(0);
    assertTrue(sent.startsWith("--> GET " + server.url("/api/v3/oauth2/refresh_tokens/42/") + "\n"), sent);
    assertTrue(sent.contains("\nAuthorization: ██\n"), sent);
    assertTrue(sent.contains("\nUser-Agent: " + AuthentikClient.USER_AGENT + "\n"), sent);
    assertTrue(sent.contains("\nAccept: application/json\n"), sent);
    String received = debug.get(1);
    assertTrue(received.startsWith("<-- 200\n"), received);
    assertTrue(received.contains("\nContent-Type: application/json\n"), received);
    assertTrue(received.contains("\nSet-Cookie: ██\n"), received);
    assertNothingSecretLogged();
  }

  @Test
  void neitherBodiesNorTheTokenAreLogged() {
    server.enqueue(json(200, FIXTURE));
    server.enqueue(json(200, FIXTURE.substring(0, FIXTURE.indexOf(SECRET) + SECRET.length())));
    server.enqueue(json(403, "{\"detail\": \"Token " + TOKEN + " invalid\"}"));
    try (AuthentikClient client = client(true, 0)) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
      assertThrows(MalformedResponseException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
      assertThrows(PermissionDeniedException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    }

    assertEquals(3, log.messages(Level.INFO).size(), () -> log.lines().toString());
    assertNothingSecretLogged();
  }

  @Test
  void nothingIsLoggedWhenHttpLoggingIsOff() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(200, FIXTURE));
    server.enqueue(json(404, Fixtures.load("2024.2.2", "404.json")));
    // The SDK's parent logger, at every level: a line from anywhere in the SDK would show here.
    try (LogCapture sdk = new LogCapture("io.goauthentik.client");
        AuthentikClient client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
            .maxRetries(0).build()) {
      assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
      client.oauth2().oauth2RefreshTokensRetrieve(42);
      assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

      assertEquals(List.of(), sdk.lines());
    }
    assertEquals(List.of(), log.lines());
    assertEquals(3, server.getRequestCount());
  }

  private void assertNothingSecretLogged() {
    for (String line : log.lines()) {
      for (String secret : List.of(TOKEN, SECRET, "eyJhbGciOiJSUzI1NiIs", "\"pk\"", "{")) {
        assertFalse(line.contains(secret), () -> "'" + secret + "' logged: " + line);
      }
    }
  }

  private AuthentikClient client(boolean httpLogging, int maxRetries) {
    return AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN).httpLogging(httpLogging)
        .maxRetries(maxRetries).retryBaseDelay(Duration.ofMillis(1)).build();
  }

  /** The request's URL, quoted for a regular expression. */
  private String url(int id) {
    return Pattern.quote(server.url("/api/v3/oauth2/refresh_tokens/" + id + "/").toString());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
