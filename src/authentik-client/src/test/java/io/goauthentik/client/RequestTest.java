package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What goes over the wire: method, path, headers, the base URL forms, an injected OkHttpClient. */
class RequestTest {
  private static final String TOKEN = "ak-request-test-9f8e7d6c5b4a";
  private static final String PATH = "/api/v3/oauth2/refresh_tokens/42/";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN);
  private final MockWebServer server = authentik.server();

  @Test
  void retrieveSendsGetWithBearerTokenAcceptAndUserAgent() throws Exception {
    enqueueToken();
    authentik.client().oauth2().oauth2RefreshTokensRetrieve(42);

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals(PATH, request.getTarget());
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    assertEquals(AuthentikClient.USER_AGENT, request.getHeaders().get("User-Agent"));
    assertTrue(AuthentikClient.USER_AGENT.matches("authentik-client-java/\\d.*"), AuthentikClient.USER_AGENT);
    assertEquals(1, request.getHeaders().values("Authorization").size(), "one Authorization header");
    assertEquals(0, request.getBodySize(), "a GET has no body");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/api/v3", "/api/v3/", "//"})
  void everyBaseUrlFormReachesTheSameUrl(String suffix) throws Exception {
    String root = server.url("/").toString().replaceAll("/$", "");
    enqueueToken();
    AuthentikClient client = client(root + suffix);
    assertEquals(root + "/api/v3", client.baseUrl());
    client.oauth2().oauth2RefreshTokensRetrieve(42);
    assertEquals(PATH, take().getTarget());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/authentik", "/authentik/", "/authentik/api/v3", "/authentik/api/v3/"})
  void baseUrlWithSubPathKeepsIt(String path) throws Exception {
    enqueueToken();
    AuthentikClient client = client(server.url(path).toString());
    assertEquals(server.url("/authentik/api/v3").toString(), client.baseUrl());
    client.oauth2().oauth2RefreshTokensRetrieve(42);
    assertEquals("/authentik" + PATH, take().getTarget());
  }

  @Test
  void nullIdFailsBeforeAnyRequest() {
    AuthentikClient client = authentik.client();
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(null));
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    assertThrows(NullPointerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieveAsync(null));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void injectedHttpClientKeepsItsInterceptorsAndIsNotClosed() throws Exception {
    OkHttpClient injected = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Injected", "yes").build()))
        .build();
    enqueueToken();
    try (AuthentikClient client = authentik.client(b -> b.httpClient(injected))) {
      assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    }

    RecordedRequest request = take();
    assertEquals("yes", request.getHeaders().get("X-Injected"));
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    assertEquals(AuthentikClient.USER_AGENT, request.getHeaders().get("User-Agent"));
    // The caller owns the injected client: closing ours must leave its threads alone.
    assertFalse(injected.dispatcher().executorService().isShutdown());
    injected.dispatcher().executorService().shutdown();
  }

  @Test
  void noOtherHeadersCarryTheToken() throws Exception {
    enqueueToken();
    authentik.client().oauth2().oauth2RefreshTokensRetrieve(42);
    RecordedRequest request = take();
    for (String name : request.getHeaders().names()) {
      if (!name.equalsIgnoreCase("Authorization")) {
        assertFalse(request.getHeaders().get(name).contains(TOKEN), name);
      }
    }
    assertNull(request.getUrl().query(), "the token is never put in the URL");
  }

  private AuthentikClient client(String baseUrl) {
    return authentik.client(b -> b.baseUrl(baseUrl));
  }

  private void enqueueToken() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build());
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "the server saw no request");
    return request;
  }
}
