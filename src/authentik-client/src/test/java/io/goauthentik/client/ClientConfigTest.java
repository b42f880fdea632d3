package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Setting a client up: from the environment, the builder refusing mistakes with a useful message, and
 * {@code newBuilder()} deriving a client that differs in what was changed and only there.
 */
class ClientConfigTest {
  private static final String TOKEN = "ak-config-test-token-1a2b3c4d";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1)));
  private final MockWebServer server = authentik.server();

  @Test
  void fromEnvReadsUrlAndToken() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build());
    Map<String, String> env = Map.of("AUTHENTIK_URL", server.url("/").toString(), "AUTHENTIK_TOKEN", TOKEN);

    try (AuthentikClient client = AuthentikClient.fromEnv(env::get)) {
      assertEquals(server.url("/api/v3").toString(), client.baseUrl());
      assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    }

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request);
    assertEquals("/api/v3/oauth2/refresh_tokens/42/", request.getTarget());
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
  }

  @Test
  void fromEnvWithoutUrlNamesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.fromEnv(Map.of("AUTHENTIK_TOKEN", TOKEN)::get));
    assertTrue(e.getMessage().contains("AUTHENTIK_URL"), e.getMessage());
  }

  @Test
  void fromEnvWithoutTokenNamesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.fromEnv(Map.of("AUTHENTIK_URL", "https://auth.example.com")::get));
    assertTrue(e.getMessage().contains("AUTHENTIK_TOKEN"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void fromEnvWithBlankValuesNamesTheVariable(String blank) {
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.fromEnv(Map.of("AUTHENTIK_URL", blank, "AUTHENTIK_TOKEN", TOKEN)::get));
    assertTrue(url.getMessage().contains("AUTHENTIK_URL"), url.getMessage());

    IllegalArgumentException token = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.fromEnv(Map.of("AUTHENTIK_URL", "https://auth.example.com", "AUTHENTIK_TOKEN", blank)::get));
    assertTrue(token.getMessage().contains("AUTHENTIK_TOKEN"), token.getMessage());
  }

  @Test
  void missingTokenIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> AuthentikClient.builder().baseUrl("https://auth.example.com").build());
    assertTrue(e.getMessage().contains("token"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void blankTokenIsRefused(String blank) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.builder().baseUrl("https://auth.example.com").token(blank).build());
    assertTrue(e.getMessage().contains("token"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", " ", "\u00e9"})
  void tokenThatCannotBeAHeaderIsRefusedWithoutEchoingIt(String bad) {
    String token = "ak-secret-" + bad + "-rest-of-token";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.builder().baseUrl("https://auth.example.com").token(token).build());
    assertTrue(e.getMessage().contains("token"), e.getMessage());
    assertFalse(e.getMessage().contains("ak-secret"), e.getMessage());
    assertFalse(e.getMessage().contains("rest-of-token"), e.getMessage());
  }

  @Test
  void missingBaseUrlIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> AuthentikClient.builder().token(TOKEN).build());
    assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "auth.example.com", "ftp://auth.example.com", "https://", "not a url",
      "https://auth.example.com/?next=/", "https://auth.example.com/#top", "https://user:pass@auth.example.com"})
  void invalidBaseUrlIsRefused(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthentikClient.builder().baseUrl(url).token(TOKEN).build());
    assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
    assertFalse(e.getMessage().contains("pass@"), "user info is not echoed");
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void invalidSettingsAreRefused() {
    AuthentikClient.Builder builder = AuthentikClient.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.maxRetries(-1))
        .getMessage().contains("maxRetries"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.readTimeout(Duration.ofSeconds(-1)))
        .getMessage().contains("readTimeout"));
    assertThrows(NullPointerException.class, () -> builder.callTimeout(null));
    assertThrows(NullPointerException.class, () -> builder.httpClient(null));
  }

  @Test
  void newBuilderWithMaxRetriesZeroSendsOnceWhileTheOriginalStillRetries() {
    always(new MockResponse.Builder().code(503).build());
    AuthentikClient original = authentik.client();

    try (AuthentikClient once = original.newBuilder().maxRetries(0).build()) {
      ServerException e = assertThrows(ServerException.class, () -> once.oauth2().oauth2RefreshTokensRetrieve(42));
      assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 503 Service Unavailable", e.getMessage());
      assertEquals(1, server.getRequestCount());
    }

    ServerException e = assertThrows(ServerException.class, () -> original.oauth2().oauth2RefreshTokensRetrieve(42));
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 503 Service Unavailable (after 3 attempts)", e.getMessage());
    assertEquals(1 + 3, server.getRequestCount());
  }

  @Test
  void newBuilderWithAnotherTokenSendsItWhileTheOriginalKeepsItsOwn() throws Exception {
    always(ok());
    AuthentikClient original = authentik.client();

    try (AuthentikClient other = original.newBuilder().token("ak-another-token").build()) {
      assertEquals(42, other.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    }
    assertEquals(42, original.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals("Bearer ak-another-token", take(server).getHeaders().get("Authorization"));
    assertEquals("Bearer " + TOKEN, take(server).getHeaders().get("Authorization"));
  }

  @Test
  void newBuilderWithAnotherBaseUrlGoesThereWhileTheOriginalStays() throws Exception {
    MockWebServer elsewhere = authentik.newServer();
    elsewhere.enqueue(ok());
    server.enqueue(ok());
    AuthentikClient original = authentik.client();

    try (AuthentikClient moved = original.newBuilder().baseUrl(elsewhere.url("/authentik/").toString()).build()) {
      assertEquals(42, moved.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    }
    assertEquals(42, original.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    RecordedRequest moved = take(elsewhere);
    assertEquals("/authentik/api/v3/oauth2/refresh_tokens/42/", moved.getTarget());
    assertEquals("Bearer " + TOKEN, moved.getHeaders().get("Authorization"), "the token came along");
    assertEquals("/api/v3/oauth2/refresh_tokens/42/", take(server).getTarget());
    assertEquals(1, elsewhere.getRequestCount());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void newBuilderWithAShortCallTimeoutEndsByItWhileTheOriginalWaits() {
    // Every answer starts after half a second of silence.
    always(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).headersDelay(500, TimeUnit.MILLISECONDS).build());
    AuthentikClient original = authentik.client();

    try (AuthentikClient hurried = original.newBuilder().callTimeout(Duration.ofMillis(100)).build()) {
      TransportException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> assertThrows(TransportException.class, () -> hurried.oauth2().oauth2RefreshTokensRetrieve(42)));
      assertEquals(InterruptedIOException.class, e.getCause().getClass(), "ended by the budget");
      assertEquals(1, server.getRequestCount(), "the budget is spent: no retry");
    }

    assertEquals(42, original.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
  }

  @ParameterizedTest
  @ValueSource(strings = {"connectTimeout", "readTimeout", "callTimeout", "retryBaseDelay", "retryMaxDelay"})
  void aDurationTooLongToUseIsRefusedNamingTheSetting(String setting) throws Exception {
    java.lang.reflect.Method setter = AuthentikClient.Builder.class.getMethod(setting, Duration.class);
    for (Duration huge : List.of(Duration.ofDays(200_000), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(25))) {
      java.lang.reflect.InvocationTargetException e = assertThrows(java.lang.reflect.InvocationTargetException.class,
          () -> setter.invoke(AuthentikClient.builder(), huge));
      assertEquals(IllegalArgumentException.class, e.getCause().getClass(), String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().startsWith(setting + " must be at most"), e.getCause().getMessage());
    }
    setter.invoke(AuthentikClient.builder(), Duration.ofDays(24)); // the longest that fits, accepted
  }

  @Test
  void aCallTimeoutOfTwentyFourDaysStillWorks() {
    server.enqueue(ok());

    AuthentikClient patient = authentik.client(b -> b.callTimeout(Duration.ofDays(24)).retryMaxDelay(Duration.ofDays(24)));
    assertEquals(42, patient.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
  }

  @Test
  void builderToStringHidesUserInfoQueryAndToken() {
    AuthentikClient.Builder builder = AuthentikClient.builder()
        .baseUrl("https://admin:hunter2@auth.example.com/sub/?session=s3ss10n#frag").token(TOKEN);

    String shown = builder.toString();

    assertEquals("AuthentikClient.Builder{baseUrl=https://auth.example.com/sub/, token=****}", shown);
    assertEquals("AuthentikClient.Builder{baseUrl=(not a URL), token=null}",
        AuthentikClient.builder().baseUrl("not a url with hunter2").toString());
  }

  @Test
  void clientAndBuilderDoNotPrintTheToken() {
    AuthentikClient.Builder builder = AuthentikClient.builder().baseUrl("https://auth.example.com").token(TOKEN);
    try (AuthentikClient client = builder.build()) {
      assertFalse(builder.toString().contains(TOKEN), builder.toString());
      assertFalse(client.toString().contains(TOKEN), client.toString());
      assertFalse(client.newBuilder().toString().contains(TOKEN));
      assertTrue(client.toString().contains("https://auth.example.com/api/v3"), client.toString());
    }
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2024.6.3", "refresh_token.json")).build();
  }

  private void always(MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }

  private static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "the server saw no request");
    return request;
  }
}
