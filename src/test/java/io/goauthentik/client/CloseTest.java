package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After {@code close()} a client sends nothing: every call fails at once, saying why. */
class CloseTest {
  private static final String TOKEN = "ak-close-test-token-7b6a5c";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN);
  private final MockWebServer server = authentik.server();

  @BeforeEach
  void start() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build());
  }

  @Test
  void callsOnAClosedClientFailAtOnce() {
    AuthentikClient client = authentik.client();
    client.close();

    assertClosed(client);
  }

  @Test
  void callsOnAClosedClientFailEvenWhenItsHttpClientWasInjected() {
    OkHttpClient injected = new OkHttpClient();
    AuthentikClient client = authentik.client(b -> b.httpClient(injected));
    client.close();

    assertClosed(client);
    injected.dispatcher().executorService().shutdown();
  }

  private void assertClosed(AuthentikClient client) {
    IllegalStateException sync = assertThrows(IllegalStateException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    assertEquals("This AuthentikClient is closed; build a new one", sync.getMessage());
    IllegalStateException async = assertThrows(IllegalStateException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(5, TimeUnit.SECONDS));
    assertEquals(sync.getMessage(), async.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
