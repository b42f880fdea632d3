package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After {@code close()} a client sends nothing: every call fails at once, saying why. */
class CloseTest {
  private static final String TOKEN = "ak-close-test-token-7b6a5c";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callsOnAClosedClientFailAtOnce() {
    AuthentikClient client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN).build();
    client.close();

    assertClosed(client);
  }

  @Test
  void callsOnAClosedClientFailEvenWhenItsHttpClientWasInjected() {
    OkHttpClient injected = new OkHttpClient();
    AuthentikClient client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .httpClient(injected).build();
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
