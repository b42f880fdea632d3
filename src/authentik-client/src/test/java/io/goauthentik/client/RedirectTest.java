package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects: followed on the same host with the token; to another host, followed without it. */
class RedirectTest {
  private static final String TOKEN = "ak-redirect-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PATH = "/api/v3/oauth2/refresh_tokens/42/";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1)));
  private final MockWebServer origin = authentik.server();
  private final MockWebServer other = authentik.newServer();
  // By name: the redirect tests below tell "localhost" from "127.0.0.1".
  private final AuthentikClient client = authentik.client(b -> b.baseUrl("http://localhost:" + origin.getPort()));

  private RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(request != null, "no request arrived");
    return request;
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectToAnotherHostDoesNotCarryTheToken(int status) throws Exception {
    origin.enqueue(new MockResponse.Builder().code(status).addHeader("Location", "http://127.0.0.1:" + other.getPort() + PATH)
        .build());
    other.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals("Bearer " + TOKEN, take(origin).getHeaders().get("Authorization"));
    RecordedRequest redirected = take(other);
    assertEquals(PATH, redirected.getTarget());
    assertNull(redirected.getHeaders().get("Authorization"), "the token went to another host");
    assertEquals(AuthentikClient.USER_AGENT, redirected.getHeaders().get("User-Agent"));
  }

  @Test
  void redirectToAnotherPortOfTheSameNameDoesNotCarryTheToken() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://localhost:" + other.getPort() + PATH)
        .build());
    other.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    client.oauth2().oauth2RefreshTokensRetrieve(42);

    take(origin);
    assertNull(take(other).getHeaders().get("Authorization"), "another port is another origin");
  }

  @Test
  void redirectToTheSameServerByAnotherNameDoesNotCarryTheToken() throws Exception {
    // localhost and 127.0.0.1 reach the same server, but only the name the client was given is its host.
    origin.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", "http://127.0.0.1:" + origin.getPort() + "/api/v3/oauth2/refresh_tokens/43/").build());
    origin.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals("Bearer " + TOKEN, take(origin).getHeaders().get("Authorization"));
    RecordedRequest redirected = take(origin);
    assertEquals("/api/v3/oauth2/refresh_tokens/43/", redirected.getTarget());
    assertNull(redirected.getHeaders().get("Authorization"), "another name is another host");
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307, 308})
  void redirectOnTheSameHostIsFollowedWithTheToken(int status) throws Exception {
    origin.enqueue(new MockResponse.Builder().code(status).addHeader("Location", "/api/v3/oauth2/refresh_tokens/43/").build());
    origin.enqueue(new MockResponse.Builder().code(200).body(BODY.replaceFirst("\"pk\": 42", "\"pk\": 43")).build());

    assertEquals(43, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals(PATH, take(origin).getTarget());
    RecordedRequest followed = take(origin);
    assertEquals("/api/v3/oauth2/refresh_tokens/43/", followed.getTarget());
    assertEquals("Bearer " + TOKEN, followed.getHeaders().get("Authorization"));
    assertEquals(0, other.getRequestCount());
  }

  @Test
  void redirectLoopEndsInTransportExceptionWithoutRetrying() {
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(302).addHeader("Location", PATH).build();
      }
    });

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(TransportException.class, e.getClass());
    assertTrue(e.getMessage().startsWith("GET " + PATH + ": failed while sending the request (ProtocolException)"),
        e.getMessage());
    assertEquals(21, origin.getRequestCount(), "OkHttp follows 20 redirects; a loop is not tried again");
  }
}
