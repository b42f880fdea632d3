package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets stay where they belong: models print {@code client_secret} and {@code id_token} as
 * {@code ****}, and no exception (message, toString, cause chain, stack trace) carries the API
 * token, a request header's value or any part of a successful body, even a broken one.
 */
class SecretHygieneTest {
  private static final String TOKEN = "ak-hygiene-token-7f3e9a1c5b";
  /** A header an application adds through its own OkHttpClient: its value is a secret too. */
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String API_KEY = "hdr-secret-42d9e1f0aa";
  private static final String RELEASE = "2024.2.2";
  private static final String FIXTURE = Fixtures.load(RELEASE, "refresh_token.json");
  private static final JsonObject EXPECTED = JsonParser.parseString(readExpected()).getAsJsonObject();
  private static final List<String> NEVER_LEAK = neverLeak(RELEASE);
  private static final String SECRET = NEVER_LEAK.get(0); // the provider's client_secret
  private static final String ID_TOKEN = NEVER_LEAK.get(1);

  private final MockWebServer server = new MockWebServer();
  private OkHttpClient withApiKey;
  private AuthentikClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    withApiKey = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(API_KEY_HEADER, API_KEY).build()))
        .build();
    // No retries: each call sees exactly the one response enqueued for it.
    client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN).httpClient(withApiKey)
        .maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    withApiKey.dispatcher().executorService().shutdown(); // ours to close, not the client's
    withApiKey.connectionPool().evictAll();
    server.close();
  }

  static Stream<String> releases() {
    return EXPECTED.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void modelsOfEveryReleaseMaskTheirSecrets(String release) {
    server.enqueue(ok(Fixtures.load(release, "refresh_token.json")));
    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);
    OAuth2Provider provider = token.getProvider();
    List<String> neverLeak = neverLeak(release);

    // The values are there for the caller to use ...
    Set<String> held = new HashSet<>(List.of(token.getIdToken()));
    if (provider.getClientSecret() != null) {
      held.add(provider.getClientSecret());
    }
    assertEquals(Set.copyOf(neverLeak), held, "the getters return every never_leak value of the release");
    // ... and printing a model shows that they are set, never what they are.
    for (String printed : List.of(token.toString(), provider.toString(), token.getUser().toString())) {
      for (String secret : neverLeak) {
        assertFalse(printed.contains(secret), () -> "a secret in " + printed);
      }
    }
    assertTrue(token.toString().contains("idToken=****"), token::toString);
    String clientSecret = provider.getClientSecret() != null ? "clientSecret=****" : "clientSecret=null";
    assertTrue(provider.toString().contains(clientSecret), provider::toString);
  }

  /** An error response; the server's detail echoes the token, which the message masks. */
  static Stream<Arguments> errorResponses() {
    String echo = "{\"detail\": \"Token " + TOKEN + " is invalid (Authorization: Bearer " + TOKEN + ")\"}";
    return Stream.of(
        Arguments.of("400", status(400, Fixtures.load(RELEASE, "400.json")), ValidationException.class),
        Arguments.of("400 echoing the token", status(400, "{\"non_field_errors\": [\"Bad token " + TOKEN + "\"]}"),
            ValidationException.class),
        Arguments.of("400 field error echoing the token", status(400, "{\"token\": [\"" + TOKEN + "\"]}"),
            ValidationException.class),
        Arguments.of("401 echoing the token", status(401, echo), AuthenticationException.class),
        Arguments.of("403 echoing the token", status(403, echo), PermissionDeniedException.class),
        Arguments.of("404", status(404, Fixtures.load(RELEASE, "404.json")), NotFoundException.class),
        Arguments.of("429", status(429, echo), RateLimitException.class),
        Arguments.of("500 html", status(500, "<html>" + TOKEN + "</html>"), ServerException.class),
        Arguments.of("418", status(418, echo), ApiException.class),
        Arguments.of("disconnect", new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build(), TransportException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorResponses")
  void failuresCarryNoTokenAndNoHeaderValue(String name, MockResponse response, Class<? extends ApiException> type)
      throws Exception {
    for (ApiException e : failSyncAndAsync(response)) {
      assertSame(type, e.getClass(), () -> "got " + e);
      assertNoSecrets(e, List.of());
    }
  }

  /** A 200 that holds the fixture's client secret or id token but cannot be read. */
  static Stream<Arguments> brokenSuccessBodies() {
    int afterSecret = FIXTURE.indexOf(SECRET) + SECRET.length() + 1; // after the closing quote
    String secretField = "\"client_secret\": \"" + SECRET + "\"";
    return Stream.of(
        Arguments.of("truncated right after the secret", FIXTURE.substring(0, afterSecret)),
        Arguments.of("truncated inside the secret", FIXTURE.substring(0, afterSecret - SECRET.length() / 2)),
        Arguments.of("wrong type next to the secret", FIXTURE.replace(secretField, secretField + ", \"pk\": {}")),
        Arguments.of("secret as an array", FIXTURE.replace(secretField, "\"client_secret\": [\"" + SECRET + "\"]")),
        Arguments.of("secret in an integer field", FIXTURE.replace("\"pk\": 42", "\"pk\": \"" + SECRET + "\"")),
        Arguments.of("secret in a boolean field",
            FIXTURE.replace("\"revoked\": false", "\"revoked\": \"" + SECRET + "\"")),
        Arguments.of("secret in a date field",
            FIXTURE.replaceFirst("\"expires\": \"[^\"]+\"", "\"expires\": \"" + SECRET + "\"")),
        Arguments.of("secret unquoted", FIXTURE.replace("\"pk\": 42", "\"pk\": " + SECRET)),
        Arguments.of("id token after the document", FIXTURE + "\n\"" + ID_TOKEN + "\""),
        Arguments.of("secret as an attribute name, truncated", FIXTURE.substring(0, FIXTURE.indexOf("\"settings\""))
            + "\"" + SECRET + "\": ["));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSuccessBodies")
  void brokenSuccessBodyDoesNotLeakItsSecrets(String name, String body) throws Exception {
    for (ApiException e : failSyncAndAsync(ok(body))) {
      assertSame(MalformedResponseException.class, e.getClass(), () -> "got " + e);
      assertEquals(200, e.getCode());
      assertNull(e.getResponseBody(), "a 2xx body is never kept");
      assertNoSecrets(e, List.of(SECRET, ID_TOKEN, body));
    }
  }

  @Test
  void malformedMessageNamesWherePropertyNamesButNotDataNames() {
    String body = FIXTURE.substring(0, FIXTURE.indexOf("\"settings\"")) + "\"" + SECRET + "\": [";
    server.enqueue(ok(body));

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 200 body is not a valid RefreshToken"
        + " (EOFException at $.user.attributes.*[0])", e.getMessage());
  }

  @Test
  void successBodyThatIsNotUtf8AfterTheSecretDoesNotLeakIt() throws Exception {
    int afterSecret = FIXTURE.indexOf(SECRET) + SECRET.length();
    Buffer invalid = new Buffer().writeUtf8(FIXTURE.substring(0, afterSecret)).writeByte(0xff)
        .writeUtf8(FIXTURE.substring(afterSecret));
    for (ApiException e : failSyncAndAsync(new MockResponse.Builder().code(200).body(invalid).build())) {
      assertSame(MalformedResponseException.class, e.getClass(), () -> "got " + e);
      assertNoSecrets(e, List.of(SECRET, ID_TOKEN));
    }
  }

  @Test
  void connectionLostAfterTheSecretDoesNotLeakIt() throws Exception {
    int afterSecret = FIXTURE.indexOf(SECRET) + SECRET.length() + 1;
    // The headers promise the whole fixture; the connection closes right after the secret.
    MockResponse cut = new MockResponse.Builder().code(200).body(FIXTURE.substring(0, afterSecret))
        .setHeader("Content-Length", FIXTURE.length()).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
    for (ApiException e : failSyncAndAsync(cut)) {
      assertSame(TransportException.class, e.getClass(), () -> "got " + e);
      assertNoSecrets(e, List.of(SECRET, ID_TOKEN));
    }
  }

  /** The same response answers a blocking call and an asynchronous one; both failures are returned. */
  private List<ApiException> failSyncAndAsync(MockResponse response) throws Exception {
    server.enqueue(response);
    server.enqueue(response);
    List<ApiException> failures = new ArrayList<>();
    failures.add(assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));
    ExecutionException async = assertThrows(ExecutionException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(10, TimeUnit.SECONDS));
    assertNoSecrets(async, List.of());
    failures.add((ApiException) async.getCause());
    return failures;
  }

  /** Neither the token, nor a request header's value, nor any of {@code secrets} shows in {@code e}. */
  private static void assertNoSecrets(Throwable e, List<String> secrets) {
    List<String> forbidden = new ArrayList<>(List.of(TOKEN, API_KEY));
    for (String secret : secrets) {
      forbidden.add(secret);
      forbidden.add(secret.substring(0, Math.min(secret.length(), 16))); // a part is a leak too
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    List<String> texts = new ArrayList<>(List.of(trace.toString()));
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t));
      texts.add(String.valueOf(t.getMessage()));
      if (t instanceof ApiException && ((ApiException) t).getCode() / 100 == 2) {
        assertNull(((ApiException) t).getResponseBody(), "a 2xx body is never kept");
      }
    }
    for (String text : texts) {
      for (String secret : forbidden) {
        assertFalse(text.contains(secret), () -> "leaked '" + secret + "' in:\n" + text);
      }
    }
    assertNotNull(e.getMessage());
  }

  private static MockResponse ok(String body) {
    return status(200, body);
  }

  private static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static List<String> neverLeak(String release) {
    List<String> values = new ArrayList<>();
    for (JsonElement value : EXPECTED.getAsJsonObject(release).getAsJsonArray("never_leak")) {
      values.add(value.getAsString());
    }
    return values;
  }

  private static String readExpected() {
    try (InputStream in = SecretHygieneTest.class.getResourceAsStream("/fixtures/expected.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
