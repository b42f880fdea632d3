package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects on the same host are followed with the token; the token never follows a redirect to
 * another host (another name or another port counts as another host).
 */
class RedirectTest {
  private static final String TOKEN = "ak-redirect-token-1b3d5f7a9c";
  private static final String PATH = "/api/v3/oauth2/refresh_tokens/42/";
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");

  private final MockWebServer server = new MockWebServer();
  private final MockWebServer otherHost = new MockWebServer();
  private AuthentikClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    otherHost.start();
    client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    otherHost.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectToAnotherHostDoesNotCarryTheToken(int status) throws Exception {
    server.enqueue(redirect(status, otherHost.url(PATH)));
    otherHost.enqueue(ok());

    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals("Bearer " + TOKEN, take(server).getHeaders().get("Authorization"));
    assertNoToken(take(otherHost).getHeaders());
  }

  @Test
  void sameServerUnderAnotherNameIsAnotherHost() throws Exception {
    HttpUrl byAddress = server.url(PATH).newBuilder().host("127.0.0.1").build();
    assertFalse(byAddress.host().equals(server.url(PATH).host()), "the server must be reached by name first");
    server.enqueue(redirect(302, byAddress));
    server.enqueue(ok());

    client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals("Bearer " + TOKEN, take(server).getHeaders().get("Authorization"));
    assertNoToken(take(server).getHeaders());
  }

  @Test
  void redirectOnTheSameHostIsFollowedWithTheToken() throws Exception {
    server.enqueue(redirect(302, server.url("/api/v3/oauth2/refresh_tokens/43/")));
    server.enqueue(ok());

    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals(PATH, take(server).getUrl().encodedPath());
    RecordedRequest followed = take(server);
    assertEquals("/api/v3/oauth2/refresh_tokens/43/", followed.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, followed.getHeaders().get("Authorization"));
    assertEquals(AuthentikClient.USER_AGENT, followed.getHeaders().get("User-Agent"));
  }

  @Test
  void relativeRedirectIsFollowedWithTheToken() throws Exception {
    server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "../43/").build());
    server.enqueue(ok());

    client.oauth2().oauth2RefreshTokensRetrieve(42);

    take(server);
    RecordedRequest followed = take(server);
    assertEquals("/api/v3/oauth2/refresh_tokens/43/", followed.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, followed.getHeaders().get("Authorization"));
  }

  @Test
  void endlessRedirectsEndInTransportException() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return redirect(302, server.url(PATH));
      }
    });

    TransportException e = assertThrows(TransportException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertInstanceOf(ProtocolException.class, e.getCause());
    assertEquals(0, e.getCode());
    assertTrue(e.getMessage().startsWith("GET " + PATH + ": "), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }

  private static void assertNoToken(Headers headers) {
    assertNull(headers.get("Authorization"), () -> "token sent to another host:\n" + headers);
    for (String name : headers.names()) {
      assertFalse(headers.get(name).contains(TOKEN), name);
    }
    assertEquals(AuthentikClient.USER_AGENT, headers.get("User-Agent"), "the request itself still went out");
  }

  private static MockResponse redirect(int status, HttpUrl location) {
    return new MockResponse.Builder().code(status).addHeader("Location", location).build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(FIXTURE).build();
  }

  private static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request arrived");
    return request;
  }
}
