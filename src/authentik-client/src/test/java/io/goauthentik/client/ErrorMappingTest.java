package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.GenericError;
import io.goauthentik.client.model.ValidationError;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of README's exception table ("Exceptions"): the exact class, the typed body, the code,
 * headers and body, and a message of the form {@code GET <path>: <status> <detail>} without the token.
 */
class ErrorMappingTest {
  private static final String RELEASE = "2024.6.3";
  private static final String TOKEN = "ak-error-test-token-5e4d3c2b1a";
  private static final String PREFIX = "GET /api/v3/oauth2/refresh_tokens/42/: ";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  // No retries: each test sees exactly the one response it enqueued.
  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void status400IsValidationExceptionWithFieldErrors() {
    String body = Fixtures.load(RELEASE, "400.json");
    enqueue(400, "application/json", body);

    ValidationException e = retrieveFails(ValidationException.class);

    assertEquals(400, e.getCode());
    assertEquals(PREFIX + "400 Invalid data. Expected a dictionary, but got str.", e.getMessage());
    assertEquals(body, e.getResponseBody());
    assertEquals(List.of("application/json"), e.getResponseHeaders().get("content-type"));
    ValidationError error = e.getValidationError();
    assertEquals(List.of("Invalid data. Expected a dictionary, but got str."), error.getNonFieldErrors());
    assertEquals("invalid", error.getCode());
    assertEquals(Map.of("id", List.of("A valid integer is required.")), error.getAdditionalProperties());
  }

  @Test
  void status400WithOnlyAFieldErrorNamesTheField() {
    enqueue(400, "application/json", "{\"id\": [\"A valid integer is required.\"]}");

    ValidationException e = retrieveFails(ValidationException.class);

    assertEquals(PREFIX + "400 invalid id", e.getMessage());
    assertNull(e.getValidationError().getNonFieldErrors());
    assertEquals(List.of("A valid integer is required."), e.getValidationError().getAdditionalProperties().get("id"));
  }

  @Test
  void status401IsAuthenticationException() {
    enqueue(401, "application/json", "{\"detail\": \"Token invalid/expired\", \"code\": \"authentication_failed\"}");

    AuthenticationException e = retrieveFails(AuthenticationException.class);

    assertEquals(401, e.getCode());
    assertEquals(PREFIX + "401 Token invalid/expired", e.getMessage());
    GenericError error = e.getGenericError();
    assertEquals("Token invalid/expired", error.getDetail());
    assertEquals("authentication_failed", error.getCode());
  }

  @Test
  void status403IsPermissionDeniedException() {
    String body = Fixtures.load(RELEASE, "403.json");
    enqueue(403, "application/json", body);

    PermissionDeniedException e = retrieveFails(PermissionDeniedException.class);

    assertEquals(403, e.getCode());
    assertEquals(PREFIX + "403 Authentication credentials were not provided.", e.getMessage());
    assertEquals("Authentication credentials were not provided.", e.getGenericError().getDetail());
    assertNull(e.getGenericError().getCode());
    assertEquals(body, e.getResponseBody());
  }

  @Test
  void status404IsNotFoundExceptionWithTheServersDetail() {
    String body = Fixtures.load(RELEASE, "404.json");
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "c0ffee").body(body).build());

    NotFoundException e = retrieveFails(NotFoundException.class);

    assertEquals(404, e.getCode());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: 404 No RefreshToken matches the given query.", e.getMessage());
    assertEquals("No RefreshToken matches the given query.", e.getGenericError().getDetail());
    assertEquals(body, e.getResponseBody());
    assertEquals(List.of("c0ffee"), e.getResponseHeaders().get("x-request-id"));
    assertEquals(List.of("application/json"), e.getResponseHeaders().get("content-type"));
  }

  @Test
  void status404WithoutJsonBodyHasNoGenericError() {
    enqueue(404, "text/html", "<html><body><h1>Not Found</h1></body></html>");

    NotFoundException e = retrieveFails(NotFoundException.class);

    assertNull(e.getGenericError());
    assertEquals(PREFIX + "404 Not Found", e.getMessage());
    assertEquals("<html><body><h1>Not Found</h1></body></html>", e.getResponseBody());
  }

  @Test
  void status429WithRetryAfterSeconds() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
        .addHeader("Content-Type", "application/json").body("{\"detail\": \"Request was throttled.\"}").build());

    RateLimitException e = retrieveFails(RateLimitException.class);

    assertEquals(429, e.getCode());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.getRetryAfter());
    assertEquals(List.of("7"), e.getResponseHeaders().get("retry-after"));
    assertEquals(PREFIX + "429 Too Many Requests", e.getMessage());
    assertEquals(1, server.getRequestCount(), "maxRetries(0): no retry");
  }

  @Test
  void status429WithRetryAfterHttpDate() {
    String inTwoMinutes = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inTwoMinutes).build());

    RateLimitException e = retrieveFails(RateLimitException.class);

    Duration wait = e.getRetryAfter().orElseThrow();
    // The date has whole seconds and the clock moves on: anything near two minutes is right.
    assertTrue(wait.compareTo(Duration.ofSeconds(60)) > 0 && wait.compareTo(Duration.ofSeconds(120)) <= 0,
        wait.toString());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void status429WithoutRetryAfterHasNone() {
    server.enqueue(new MockResponse.Builder().code(429).build());

    assertEquals(Optional.empty(), retrieveFails(RateLimitException.class).getRetryAfter());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 504})
  void status5xxIsServerException(int status) {
    enqueue(status, "text/plain", "upstream failed");

    ServerException e = retrieveFails(ServerException.class);

    assertEquals(status, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + status), e.getMessage());
    assertEquals("upstream failed", e.getResponseBody());
  }

  @Test
  void htmlBadGatewayFromAProxyIsServerException() {
    String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .addHeader("Server", "nginx/1.25.3").body(html).build());

    ServerException e = retrieveFails(ServerException.class);

    assertEquals(502, e.getCode());
    assertEquals(PREFIX + "502 Bad Gateway", e.getMessage());
    assertEquals(html, e.getResponseBody());
    assertEquals(List.of("nginx/1.25.3"), e.getResponseHeaders().get("server"));
  }

  @ParameterizedTest
  @ValueSource(ints = {409, 418, 422})
  void otherStatusIsPlainApiException(int status) {
    enqueue(status, "application/json", "{\"detail\": \"no\"}");

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertSame(ApiException.class, e.getClass());
    assertEquals(status, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + status), e.getMessage());
    assertEquals("{\"detail\": \"no\"}", e.getResponseBody());
    assertNoToken(e);
  }

  @Test
  void connectionRefusedIsTransportExceptionWithCodeZero() throws Exception {
    MockWebServer closed = authentik.newServer();
    String url = closed.url("/").toString();
    closed.close();
    AuthentikClient refused = authentik.client(b -> b.baseUrl(url));

    TransportException e = assertThrows(TransportException.class,
        () -> refused.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(0, e.getCode());
    assertEquals(Map.of(), e.getResponseHeaders());
    assertNull(e.getResponseBody());
    assertInstanceOf(ConnectException.class, e.getCause());
    assertEquals(PREFIX + "could not connect while sending the request (ConnectException)", e.getMessage());
    assertNoToken(e);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "<html>OK</html>", "[]", "null", "{\"pk\": \"forty-two\"}", "{\"pk\": 42"})
  void malformedSuccessBodyIsMalformedResponseException(String body) {
    enqueue(200, "application/json", body);

    MalformedResponseException e = retrieveFails(MalformedResponseException.class);

    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body "), e.getMessage());
    assertNull(e.getResponseBody(), "a 2xx body may hold secrets and is never kept");
    assertEquals(List.of("application/json"), e.getResponseHeaders().get("content-type"));
  }

  @Test
  void malformedSuccessBodyIsNotQuoted() {
    String body = Fixtures.load(RELEASE, "refresh_token.json").replace("\"revoked\": false", "\"revoked\": ");
    enqueue(200, "application/json", body);

    MalformedResponseException e = retrieveFails(MalformedResponseException.class);

    assertFalse(e.getMessage().contains("s3cr3t-"), e.getMessage());
    assertFalse(e.getMessage().contains("/application/o/"), e.getMessage());
  }

  @Test
  void detailEchoingTheTokenDoesNotLeakItIntoTheMessage() {
    enqueue(403, "application/json", "{\"detail\": \"Invalid token: " + TOKEN + "\"}");

    PermissionDeniedException e = retrieveFails(PermissionDeniedException.class);

    assertEquals(PREFIX + "403 Invalid token: ****", e.getMessage());
    assertEquals("Invalid token: ****", e.getGenericError().getDetail(), "the typed body is masked too");
    assertEquals("{\"detail\": \"Invalid token: ****\"}", e.getResponseBody(), "and so is the body kept");
  }

  @Test
  void a407FromTheServerItselfIsAnApiExceptionWithItsCode() {
    // OkHttp takes any 407 for a proxy's and would report a bare ProtocolException without the response.
    server.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"edge\"")
        .body("proxy says no").build());

    ApiException e = retrieveFails(ApiException.class);

    assertEquals(407, e.getCode());
    assertEquals(PREFIX + "407 Proxy Authentication Required", e.getMessage());
    assertEquals("proxy says no", e.getResponseBody());
    assertEquals(List.of("Basic realm=\"edge\""), e.getResponseHeaders().get("proxy-authenticate"));
    assertEquals(1, server.getRequestCount());
  }

  private <T extends ApiException> T retrieveFails(Class<T> type) {
    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    assertSame(type, e.getClass(), () -> "got " + e);
    assertNoToken(e);
    return type.cast(e);
  }

  private static void assertNoToken(ApiException e) {
    assertFalse(e.getMessage().contains(TOKEN), () -> "token in message: " + e.getMessage());
    assertFalse(e.toString().contains(TOKEN), () -> "token in toString: " + e);
  }

  private void enqueue(int status, String contentType, String body) {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", contentType).body(body).build());
  }
}
