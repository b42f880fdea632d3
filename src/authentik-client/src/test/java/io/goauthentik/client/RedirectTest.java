package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.UserRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects: a GET or HEAD follows them within its origin, token and all; nothing else follows
 * them. A write answered 3xx (a forward-auth proxy's login page) is an {@code ApiException}, never
 * a GET of that page reported as the write's success; a redirect to another origin is not followed,
 * so neither the token nor any per-call header goes there.
 */
class RedirectTest {
  private static final String TOKEN = "ak-redirect-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PATH = "/api/v3/oauth2/refresh_tokens/42/";
  private static final String LOGIN = "/outpost.goauthentik.io/start?rd=%2Fapi%2Fv3%2F";

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

  private static MockResponse redirect(int status, String location) {
    return new MockResponse.Builder().code(status).addHeader("Location", location).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aDeleteAnsweredWithARedirectIsAnErrorAndNothingFollows(int status) throws Exception {
    origin.enqueue(redirect(status, LOGIN));
    origin.enqueue(new MockResponse.Builder().code(200).body("<html>Sign in</html>").build());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensDestroy(42));

    assertEquals(ApiException.class, e.getClass());
    assertEquals(status, e.getCode());
    assertTrue(e.getMessage().startsWith("DELETE " + PATH + ": " + status), e.getMessage());
    assertTrue(e.getMessage().contains("to http://localhost:" + origin.getPort() + "/outpost.goauthentik.io/start"),
        e.getMessage());
    assertTrue(e.getMessage().contains("only GET and HEAD follow redirects"), e.getMessage());
    assertFalse(e.getMessage().contains("rd="), "the Location's query stays out of the message: " + e.getMessage());
    assertEquals("DELETE", take(origin).getMethod());
    assertEquals(1, origin.getRequestCount(), "nothing is sent after the redirect");
  }

  @ParameterizedTest
  @ValueSource(ints = {302, 307, 308})
  void aPostOrPatchAnsweredWithARedirectIsAnErrorAndNothingFollows(int status) throws Exception {
    origin.enqueue(redirect(status, PATH));
    origin.enqueue(redirect(status, PATH));

    ApiException post = assertThrows(ApiException.class,
        () -> client.core().coreUsersCreate(UserRequest.builder().username("jdoe").name("J").build()));
    ApiException patch = assertThrows(ApiException.class,
        () -> client.core().coreUsersPartialUpdate(7, io.goauthentik.client.model.PatchedUserRequest.builder()
            .isActive(false).build()));

    assertEquals(status, post.getCode());
    assertEquals(status, patch.getCode());
    assertEquals("POST", take(origin).getMethod());
    assertEquals("PATCH", take(origin).getMethod());
    assertEquals(2, origin.getRequestCount());
  }

  @Test
  void anInjectedClientThatFollowsRedirectsDoesNotFollowThemForAWrite() throws Exception {
    // A user's client set to follow everything, on purpose: the SDK's own rule must still win.
    OkHttpClient following = new OkHttpClient.Builder().followRedirects(true).followSslRedirects(true).build();
    AuthentikClient injected = authentik.client(b -> b.baseUrl("http://localhost:" + origin.getPort())
        .httpClient(following));
    origin.enqueue(redirect(302, LOGIN));
    origin.enqueue(new MockResponse.Builder().code(200).body("<html>Sign in</html>").build());

    ApiException e = assertThrows(ApiException.class, () -> injected.oauth2().oauth2RefreshTokensDestroy(42));

    assertEquals(302, e.getCode());
    assertEquals(1, origin.getRequestCount());
    following.dispatcher().executorService().shutdown();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectToAnotherHostIsNotFollowed(int status) throws Exception {
    origin.enqueue(redirect(status, "http://127.0.0.1:" + other.getPort() + PATH));
    other.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(status, e.getCode());
    assertTrue(e.getMessage().contains("to http://127.0.0.1:" + other.getPort() + PATH), e.getMessage());
    assertTrue(e.getMessage().contains("it leaves the origin http://localhost:" + origin.getPort()), e.getMessage());
    assertEquals("Bearer " + TOKEN, take(origin).getHeaders().get("Authorization"));
    assertEquals(0, other.getRequestCount(), "nothing goes to another origin");
  }

  @Test
  void perCallHeadersDoNotGoToAnotherOrigin() throws Exception {
    origin.enqueue(redirect(302, "http://localhost:" + other.getPort() + PATH));
    other.enqueue(new MockResponse.Builder().code(200).body(BODY).build());
    RequestOptions options = RequestOptions.builder().header("X-Api-Key", "another-secret").build();

    assertThrows(ApiException.class, () -> client.oauth2().withOptions(options).oauth2RefreshTokensRetrieve(42));

    assertEquals("another-secret", take(origin).getHeaders().get("X-Api-Key"));
    assertEquals(0, other.getRequestCount(), "another port is another origin: neither the token nor X-Api-Key goes there");
  }

  @Test
  void aRedirectFromHttpToHttpsIsNotFollowedAndSaysWhere() {
    origin.enqueue(redirect(301, "https://localhost:" + origin.getPort() + PATH));

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(301, e.getCode());
    assertTrue(e.getMessage().contains("Moved Permanently to https://localhost:" + origin.getPort() + PATH), e.getMessage());
  }

  @Test
  void aRedirectToTheSameServerByAnotherNameIsNotFollowed() {
    // localhost and 127.0.0.1 reach the same server, but only the name the client was given is its origin.
    origin.enqueue(redirect(302, "http://127.0.0.1:" + origin.getPort() + "/api/v3/oauth2/refresh_tokens/43/"));

    assertEquals(302, assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)).getCode());
    assertEquals(1, origin.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectOnTheSameOriginIsFollowedWithTheTokenAndPerCallHeaders(int status) throws Exception {
    origin.enqueue(redirect(status, "/api/v3/oauth2/refresh_tokens/43/"));
    origin.enqueue(new MockResponse.Builder().code(200).body(BODY.replaceFirst("\"pk\": 42", "\"pk\": 43")).build());
    RequestOptions options = RequestOptions.builder().header("X-Request-Id", "r-1").build();

    assertEquals(43, client.oauth2().withOptions(options).oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals(PATH, take(origin).getTarget());
    RecordedRequest followed = take(origin);
    assertEquals("GET", followed.getMethod());
    assertEquals("/api/v3/oauth2/refresh_tokens/43/", followed.getTarget());
    assertEquals("Bearer " + TOKEN, followed.getHeaders().get("Authorization"));
    assertEquals("r-1", followed.getHeaders().get("X-Request-Id"));
    assertEquals(AuthentikClient.USER_AGENT, followed.getHeaders().get("User-Agent"));
  }

  @Test
  void aRedirectWithoutLocationIsAnError() {
    origin.enqueue(new MockResponse.Builder().code(302).build());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(302, e.getCode());
    assertTrue(e.getMessage().contains("without a usable Location"), e.getMessage());
  }

  @Test
  void redirectLoopEndsInTransportExceptionWithoutRetrying() {
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return redirect(302, PATH);
      }
    });

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(TransportException.class, e.getClass());
    assertTrue(e.getMessage().startsWith("GET " + PATH + ": failed while sending the request (ProtocolException)"),
        e.getMessage());
    assertEquals(21, origin.getRequestCount(), "20 redirects are followed; a loop is not tried again");
  }
}
