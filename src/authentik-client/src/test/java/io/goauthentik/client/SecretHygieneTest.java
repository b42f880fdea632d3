package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.GenericError;
import io.goauthentik.client.model.NotificationTransportRequest;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.UserPasswordSetRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets stay inside: model toString() masks client_secret and id_token, no exception carries the
 * API token, a header or a 2xx body, and a plain-http base URL to another machine is warned about.
 */
@Isolated // reads the SDK's log, which test classes running beside it would write to
class SecretHygieneTest {
  private static final String TOKEN = "ak-hygiene-7c6b5a4d3e2f1a0b9c8d";
  private static final String HEADER_SECRET = "hdr-secret-9f8e7d";
  private static final String RELEASE = "2024.6.3";
  private static final JsonObject EXPECTED = JsonParser.parseString(resource("/fixtures/expected.json")).getAsJsonObject();
  /** Every fixture's client_secret and id_token, and their telltale prefixes, so no part leaks either. */
  private static final List<String> NEVER_LEAK = neverLeak();

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN)
      .configure(b -> b.retryBaseDelay(Duration.ofMillis(1)).readTimeout(Duration.ofSeconds(5)));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  static Stream<Arguments> fixtures() {
    return EXPECTED.keySet().stream()
        .flatMap(release -> Stream.of(Arguments.of(release, "refresh_token.json"),
            Arguments.of(release, "refresh_token_nulls.json")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void modelToStringMasksClientSecretAndIdToken(String release, String file) {
    server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.load(release, file)).build());

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);

    List<String> printed = new ArrayList<>(List.of(token.toString(), String.valueOf(token.getProvider()),
        String.valueOf(token.getUser())));
    for (String text : printed) {
      assertNoSecret(text, release + " " + file);
    }
    if (token.getIdToken() != null) {
      assertTrue(token.toString().contains("idToken=****"), token.toString());
      assertTrue(neverLeak(release).contains(token.getIdToken()), "the getter still returns the id_token");
    }
    OAuth2Provider provider = token.getProvider();
    if (provider != null && provider.getClientSecret() != null) {
      assertTrue(provider.toString().contains("clientSecret=****"), provider.toString());
      assertTrue(neverLeak(release).contains(provider.getClientSecret()), "the getter still returns the secret");
    }
  }

  @Test
  void everyFixtureHasASecretToHide() {
    // Guards the test above: the fixtures do carry secrets in both places.
    for (String release : EXPECTED.keySet()) {
      server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.load(release, "refresh_token.json")).build());
      RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);
      assertNotNull(token.getIdToken(), release);
      assertTrue(neverLeak(release).contains(token.getIdToken()), release);
    }
  }

  private static final String ECHOED_PASSWORD = "hunter2-field-echo-5e4d";
  private static final String ECHOED_WEBHOOK = "https://hooks.slack.com/services/T000/B000/field-echo-9a8b";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"password", "webhook_url"})
  void aFieldErrorEchoingTheSecretSentIsNotInTheMessage(String field) {
    boolean password = field.equals("password");
    String secret = password ? ECHOED_PASSWORD : ECHOED_WEBHOOK;
    String body = password ? "{\"password\": [\"'" + secret + "' is too common.\"]}"
        : "{\"webhook_url\": [\"Enter a valid URL: " + secret + "\"]}";
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json").body(body).build());

    ValidationException e = assertThrows(ValidationException.class, () -> {
      if (password) {
        client.core().coreUsersSetPasswordCreate(5, UserPasswordSetRequest.builder().password(secret).build());
      } else {
        client.events().eventsTransportsCreate(NotificationTransportRequest.builder().name("n").webhookUrl(secret).build());
      }
    });

    assertTrue(e.getMessage().endsWith("400 invalid " + field), e.getMessage());
    for (String text : List.of(e.getMessage(), e.toString(), stackTrace(e), String.valueOf(e.getValidationError()))) {
      assertFalse(text.contains(secret), () -> "the secret in: " + text);
    }
  }

  static Stream<Arguments> errorResponses() {
    Buffer badUtf8 = new Buffer().writeUtf8("{\"detail\": \"").write(new byte[] {(byte) 0xFF}).writeUtf8(TOKEN + "\"}");
    return Stream.of(
        Arguments.of("400 echoing the token in a field error", ValidationException.class,
            error(400).body("{\"token\": [\"" + TOKEN + " is not a valid token\"]}").build()),
        Arguments.of("400 echoing the header", ValidationException.class,
            error(400).body("{\"non_field_errors\": [\"Authorization: Bearer " + TOKEN + "\"]}").build()),
        Arguments.of("401 echoing the token", AuthenticationException.class,
            error(401).addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", token=\"" + TOKEN + "\"")
                .body("{\"detail\": \"Token " + TOKEN + " expired\"}").build()),
        Arguments.of("403 echoing the token after bad UTF-8", PermissionDeniedException.class,
            error(403).body(badUtf8).build()),
        Arguments.of("404 with a session cookie", NotFoundException.class,
            error(404).body(Fixtures.load(RELEASE, "404.json")).build()),
        Arguments.of("429 with a cookie", RateLimitException.class, error(429).addHeader("Retry-After", "3600").build()),
        Arguments.of("500 with a debug page quoting the request", ServerException.class,
            error(500).body("<pre>HTTP_AUTHORIZATION: Bearer " + TOKEN + "</pre>").build()),
        Arguments.of("302 to nowhere", ApiException.class, error(302).build()),
        Arguments.of("200 that is not JSON but carries secrets", MalformedResponseException.class,
            error(200).body("<html>" + NEVER_LEAK.get(0) + TOKEN + "</html>").build()),
        Arguments.of("garbage status line echoing the Authorization header", TransportException.class,
            new MockResponse.Builder().status("HTTP/1.1 2OO Authorization: Bearer " + TOKEN).build()),
        Arguments.of("200 cut off mid-body", TransportException.class,
            error(200).body(Fixtures.load(RELEASE, "refresh_token.json"))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorResponses")
  void whatAnExceptionKeepsOfTheResponseHasTheTokenMasked(String name, Class<? extends ApiException> type,
      MockResponse response) {
    server.enqueue(response);

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    List<String> kept = new ArrayList<>();
    kept.add(String.valueOf(e.getResponseBody()));
    kept.add(e.getResponseHeaders().toString());
    if (e instanceof ValidationException) {
      kept.add(String.valueOf(((ValidationException) e).getValidationError()));
    }
    if (e instanceof GenericErrorException) {
      GenericError error = ((GenericErrorException) e).getGenericError();
      kept.add(String.valueOf(error));
      kept.add(error == null ? "" : String.valueOf(error.getDetail()));
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      kept.add(String.valueOf(cause.getMessage()));
    }
    for (String text : kept) {
      assertFalse(text.contains(TOKEN), () -> "token in: " + text);
    }
  }

  private static MockResponse.Builder error(int status) {
    return new MockResponse.Builder().code(status).addHeader("Set-Cookie", "authentik_session=" + HEADER_SECRET)
        .addHeader("X-Debug-Request-Authorization", "Bearer " + TOKEN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorResponses")
  void exceptionsCarryNoTokenHeaderOrSuccessBody(String name, Class<? extends ApiException> type, MockResponse response) {
    server.enqueue(response);

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(type, e.getClass(), () -> "got " + e);
    for (String text : List.of(e.getMessage(), e.toString(), stackTrace(e))) {
      assertFalse(text.contains(TOKEN), () -> "token in: " + text);
      assertFalse(text.contains(HEADER_SECRET), () -> "a response header in: " + text);
      assertNoSecret(text, name);
    }
    if (e.getCode() >= 200 && e.getCode() < 300 || e.getCode() == 0) {
      assertNull(e.getResponseBody(), "a 2xx body is never kept");
    }
  }

  static Stream<Arguments> malformedBodiesWithSecrets() {
    String fixture = Fixtures.load(RELEASE, "refresh_token.json");
    String secret = neverLeak(RELEASE).get(0);
    String idToken = neverLeak(RELEASE).get(1);
    // The id_token as the fixture writes it: a JSON string, its quotes and line breaks escaped.
    String quotedIdToken = new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(idToken);
    int afterSecret = fixture.indexOf(secret) + secret.length() + 1;
    Buffer badUtf8 = new Buffer().writeUtf8(fixture.substring(0, afterSecret)).write(new byte[] {(byte) 0xC0, (byte) 0xFF})
        .writeUtf8(fixture.substring(afterSecret));
    return Stream.of(
        Arguments.of("wrong type after the secret",
            utf8(fixture.replace("\"access_code_validity\": \"minutes=1\"", "\"access_code_validity\": {}"))),
        Arguments.of("secret in an array", utf8(fixture.replace("\"" + secret + "\"", "[\"" + secret + "\"]"))),
        Arguments.of("secret in an object",
            utf8(fixture.replace("\"" + secret + "\"", "{\"value\": \"" + secret + "\"}"))),
        Arguments.of("secret as a key", utf8(fixture.replace("\"" + secret + "\"", "{\"" + secret + "\": 1}"))),
        Arguments.of("secret as a free-form key, cut short",
            utf8(fixture.substring(0, fixture.indexOf("\"attributes\": {") + 15) + "\"" + secret + "\": [1, 2")),
        Arguments.of("id_token without quotes",
            utf8(fixture.replace(quotedIdToken, quotedIdToken.substring(1, quotedIdToken.length() - 1)))),
        Arguments.of("secret where an integer belongs", utf8(fixture.replace("\"pk\": 42", "\"pk\": \"" + secret + "\""))),
        Arguments.of("secret where a boolean belongs",
            utf8(fixture.replace("\"revoked\": false", "\"revoked\": \"" + secret + "\""))),
        Arguments.of("secret where a date belongs",
            utf8(fixture.replaceFirst("\"expires\": \"[^\"]+\"", "\"expires\": \"" + secret + "\""))),
        Arguments.of("truncated right after the secret", utf8(fixture.substring(0, afterSecret))),
        Arguments.of("truncated inside the secret", utf8(fixture.substring(0, afterSecret - 20))),
        Arguments.of("invalid UTF-8 right after the secret", badUtf8.readByteArray()),
        Arguments.of("trailing data after a valid body", utf8(fixture + idToken)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodiesWithSecrets")
  void malformedSuccessBodyDoesNotLeakItsSecrets(String name, byte[] body) {
    server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(body)).build());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(MalformedResponseException.class, e.getClass(), () -> "got " + e);
    assertNull(e.getResponseBody());
    assertNull(e.getCause(), "a decoder exception may quote the body");
    assertNoSecret(e.getMessage(), name);
    assertNoSecret(e.toString(), name);
    assertNoSecret(stackTrace(e), name);
  }

  @Test
  void connectionLostRightAfterTheSecretDoesNotLeakIt() {
    String fixture = Fixtures.load(RELEASE, "refresh_token.json");
    String secret = neverLeak(RELEASE).get(0);
    int afterSecret = fixture.indexOf(secret) + secret.length() + 1;
    // The headers promise the whole fixture; the connection closes once the secret has been sent.
    server.enqueue(new MockResponse.Builder().code(200).body(fixture.substring(0, afterSecret))
        .setHeader("Content-Length", fixture.length()).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());

    TransportException e = assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertNull(e.getResponseBody());
    assertNoSecret(e.getMessage(), "cut after the secret");
    assertNoSecret(stackTrace(e), "cut after the secret");
    assertEquals(1, server.getRequestCount(), "a body cut short is not retried");
  }

  @Test
  void malformedMessageNamesThePropertyButNotAFreeFormKey() {
    String fixture = Fixtures.load(RELEASE, "refresh_token.json");
    String cut = fixture.substring(0, fixture.indexOf("\"attributes\": {") + 15) + "\"ssh key\\nfor prod\": [1, 2";
    server.enqueue(new MockResponse.Builder().code(200).body(cut).build());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 200 body is not a valid RefreshToken"
        + " (EOFException at $.user.groups_obj[0].attributes…)", e.getMessage());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void plainHttpToAnotherMachineWarnsOnceWithoutTheToken() {
    try (LogCapture log = new LogCapture("io.goauthentik.client")) {
      AuthentikClient.builder().baseUrl("http://authentik.invalid").token(TOKEN).build().close();

      List<String> warnings = log.records().stream().filter(r -> r.getLevel() == Level.WARNING)
          .map(r -> r.getMessage()).toList();
      assertEquals(1, warnings.size(), log.lines().toString());
      assertTrue(warnings.get(0).contains("http://authentik.invalid"), warnings.get(0));
      assertTrue(warnings.get(0).contains("unencrypted"), warnings.get(0));
      assertFalse(log.lines().toString().contains(TOKEN));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://authentik.invalid", "https://auth.example.com:8443/sub/", "http://localhost:9000",
      "http://127.0.0.1:9000", "http://127.1.2.3", "http://[::1]:9000", "http://ak.localhost"})
  void httpsAndLoopbackDoNotWarn(String url) {
    try (LogCapture log = new LogCapture("io.goauthentik.client")) {
      AuthentikClient.builder().baseUrl(url).token(TOKEN).build().close();

      assertEquals(List.of(), log.lines());
    }
  }

  private static void assertNoSecret(String text, String where) {
    for (String secret : NEVER_LEAK) {
      assertFalse(text.contains(secret), () -> where + ": a fixture secret in: " + text);
    }
    assertFalse(text.contains("s3cr3t-"), () -> where + ": part of a client_secret in: " + text);
    assertFalse(text.contains("/application/o/"), () -> where + ": part of an id_token in: " + text);
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static List<String> neverLeak(String release) {
    List<String> values = new ArrayList<>();
    for (JsonElement value : EXPECTED.getAsJsonObject(release).getAsJsonArray("never_leak")) {
      values.add(value.getAsString());
    }
    return values;
  }

  private static List<String> neverLeak() {
    return EXPECTED.keySet().stream().flatMap(release -> neverLeak(release).stream()).toList();
  }

  private static String resource(String path) {
    try (InputStream in = SecretHygieneTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
