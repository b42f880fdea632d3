package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per hostile response or transport fault: each ends in a value or in exactly the
 * exception DESIGN.md lists for it, and nothing else escapes.
 */
class FaultTest {
  private static final String TOKEN = "ak-fault-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PREFIX = "GET /api/v3/oauth2/refresh_tokens/42/: ";
  private static final int DEEP = 100_000;

  private final MockWebServer server = new MockWebServer();
  private AuthentikClient client;

  @BeforeEach
  void start() throws Exception {
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
    client = builder().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Short timeouts and 1 ms backoff keep each fault fast; retries stay on, as users get them. */
  private AuthentikClient.Builder builder() {
    return AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .readTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofSeconds(10)).retryBaseDelay(Duration.ofMillis(1));
  }

  private <T extends ApiException> T fails(Class<T> type) {
    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    assertEquals(type, e.getClass(), () -> "got " + e);
    return type.cast(e);
  }

  private MalformedResponseException malformed(String body) {
    server.enqueue(ok(body));
    MalformedResponseException e = fails(MalformedResponseException.class);
    assertEquals(200, e.getCode());
    assertNull(e.getResponseBody(), "a 2xx body is never kept");
    assertNull(e.getCause(), "a decoder's message may quote the body");
    assertEquals(1, server.getRequestCount(), "a bad 2xx body is not retried");
    return e;
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  private void always(MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }

  // --- no usable response: TransportException, code 0, retried ---

  @Test
  void connectionRefused() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String url = gone.url("/").toString();
    gone.close();

    try (AuthentikClient refused = builder().baseUrl(url).build()) {
      ApiException e = assertThrows(ApiException.class, () -> refused.oauth2().oauth2RefreshTokensRetrieve(42));

      assertEquals(TransportException.class, e.getClass());
      assertEquals(0, e.getCode());
      assertEquals(ConnectException.class, e.getCause().getClass());
      assertEquals(PREFIX + "could not connect while sending the request (ConnectException) (after 3 attempts)",
          e.getMessage());
    }
  }

  @Test
  void connectionClosedBeforeTheResponse() {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

    TransportException e = fails(TransportException.class);

    assertTrue(e.getMessage().startsWith(PREFIX + "failed while sending the request (IOException)"), e.getMessage());
    assertTrue(e.getCause() instanceof IOException);
  }

  @Test
  void connectionClosedMidBody() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    TransportException e = fails(TransportException.class);

    assertEquals(PREFIX + "failed while reading the response body (ProtocolException)", e.getMessage());
    assertEquals(ProtocolException.class, e.getCause().getClass());
    assertEquals(1, server.getRequestCount(), "the server answered: not retried");
  }

  @Test
  void responseNeverComes() {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    TransportException e = fails(TransportException.class);

    assertEquals(PREFIX + "timed out while sending the request (SocketTimeoutException) (after 3 attempts)",
        e.getMessage());
    assertEquals(SocketTimeoutException.class, e.getCause().getClass());
  }

  @Test
  void bodyStalls() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).onResponseBody(SocketEffect.Stall.INSTANCE).build());

    TransportException e = fails(TransportException.class);

    assertEquals(PREFIX + "timed out while reading the response body (SocketTimeoutException)", e.getMessage());
  }

  @Test
  void notHttpAtAll() {
    always(new MockResponse.Builder().status("SSH-2.0-OpenSSH_9.6").build());

    TransportException e = fails(TransportException.class);

    assertEquals(PREFIX + "failed while sending the request (ProtocolException)", e.getMessage());
    assertEquals(1, server.getRequestCount(), "a server that answers wrongly answers wrongly again: not retried");
  }

  @Test
  void corruptGzipBody() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip")
        .body("this is not gzip at all").build());

    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(TransportException.class, e.getClass(), () -> "got " + e);
    assertTrue(e.getMessage().startsWith(PREFIX + "failed while reading the response body"), e.getMessage());
  }

  // --- a 2xx that is not a RefreshToken: MalformedResponseException, never retried ---

  @Test
  void truncatedJson() {
    MalformedResponseException e = malformed(BODY.substring(0, BODY.length() / 2));

    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken (EOFException at $."),
        e.getMessage());
  }

  @Test
  void htmlWithStatus200() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in to continue</body></html>").build());

    MalformedResponseException e = fails(MalformedResponseException.class);

    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken"), e.getMessage());
  }

  @Test
  void empty200() {
    assertEquals(PREFIX + "200 body is empty", malformed("").getMessage());
  }

  @Test
  void noContent204() {
    server.enqueue(new MockResponse.Builder().code(204).build());

    assertEquals(PREFIX + "204 body is empty", fails(MalformedResponseException.class).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[" + "{\"pk\": 42}" + "]", "\"a refresh token\"", "42", "true"})
  void jsonValueThatIsNotAnObject(String body) {
    assertTrue(malformed(body).getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken"));
  }

  @Test
  void jsonNull() {
    assertEquals(PREFIX + "200 body is null", malformed("null").getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"pk\": 43}", "]", "garbage", "\"more\""})
  void dataAfterTheObject(String trailer) {
    assertTrue(malformed(BODY + trailer).getMessage().startsWith(PREFIX + "200 body "));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"pk\": \"forty-two\"", "\"pk\": 42.5", "\"pk\": 99999999999", "\"pk\": {}", "\"pk\": [42]",
      "\"provider\": \"Provider for Nextcloud\"", "\"provider\": []", "\"user\": 7", "\"user\": [{\"pk\": 7}]",
      "\"scope\": {\"openid\": true}", "\"scope\": [[\"openid\"]]", "\"expires\": \"next tuesday\"",
      "\"expires\": true", "\"expires\": \"2024-13-45T99:00:00Z\"", "\"id_token\": {\"jwt\": 1}",
      "\"revoked\": \"no\"", "\"revoked\": \"yes\"", "\"revoked\": 1", "\"revoked\": {}", "\"is_expired\": [false]"})
  void wrongFieldType(String field) {
    // The bad field comes first, so it is read (and fails) before the fixture's own copy of it.
    String name = field.substring(1, field.indexOf('"', 1));

    MalformedResponseException e = malformed("{" + field + ", " + BODY.substring(BODY.indexOf('{') + 1));

    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken ("), e.getMessage());
    assertTrue(e.getMessage().contains(" at $." + name), "fails at the field: " + e.getMessage());
  }

  @Test
  void wrongTypeDeepInsideTheProvider() {
    MalformedResponseException e = malformed(BODY.replace("\"access_code_validity\": \"minutes=1\"",
        "\"access_code_validity\": {\"minutes\": 1}"));

    assertTrue(e.getMessage().endsWith("at $.provider.access_code_validity)"), e.getMessage());
  }

  @Test
  void nesting100000DeepAtTheTop() {
    malformed("[".repeat(DEEP) + "]".repeat(DEEP));
  }

  @Test
  void nesting100000DeepInAnUnknownField() {
    malformed("{\"pk\": 42, \"x\": " + "[".repeat(DEEP) + "]".repeat(DEEP) + "}");
  }

  @Test
  void nesting100000DeepInAFreeFormField() {
    String key = "level_" + "x".repeat(57); // a plain property name of 64 characters
    String deep = ("{\"" + key + "\": ").repeat(DEEP) + "1" + "}".repeat(DEEP);

    MalformedResponseException e = malformed(BODY.replace("\"attributes\": {", "\"attributes\": {\"deep\": " + deep + ", "));

    assertTrue(e.getMessage().contains("at $.user.groups_obj[0].attributes.deep." + key + "."), e.getMessage());
    assertTrue(e.getMessage().length() < 400, "a deep path is shortened, was " + e.getMessage().length() + " chars");
  }

  @Test
  void nesting100000DeepInAnErrorBody() {
    server.enqueue(new MockResponse.Builder().code(400).body("{\"non_field_errors\": " + "[".repeat(DEEP) + "]".repeat(DEEP)
        + "}").build());

    ValidationException e = fails(ValidationException.class);

    assertNull(e.getValidationError(), "unreadable error body: no typed body");
    assertEquals(PREFIX + "400 Bad Request", e.getMessage());
  }

  @Test
  void invalidUtf8() {
    // "akadmin" with a broken two-byte sequence and a byte that never occurs in UTF-8 in the middle.
    int at = BODY.indexOf("akadmin") + 2;
    Buffer body = new Buffer().writeUtf8(BODY.substring(0, at)).write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF})
        .writeUtf8(BODY.substring(at));
    server.enqueue(new MockResponse.Builder().code(200).body(body).build());

    MalformedResponseException e = fails(MalformedResponseException.class);

    // The decoder reads ahead, so the path names where parsing was, not where the bad byte is.
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken (MalformedInputException at $"),
        e.getMessage());
  }

  @Test
  void invalidUtf8InAnErrorBodyKeepsTheError() {
    Buffer body = new Buffer().writeUtf8("{\"detail\": \"Not ").write(new byte[] {(byte) 0xFF}).writeUtf8(" found.\"}");
    server.enqueue(new MockResponse.Builder().code(404).body(body).build());

    NotFoundException e = fails(NotFoundException.class);

    assertEquals("Not \uFFFD found.", e.getGenericError().getDetail());
  }

  // --- error statuses ---

  @Test
  void fiftyMegabyteErrorBodyIsCutToABoundedPrefix() {
    long size = 50L * 1024 * 1024;
    server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/html")
        .body(new RepeatedBody("<p>stack trace line</p>\n", size)).build());

    long start = System.nanoTime();
    ServerException e = fails(ServerException.class);

    assertEquals(500, e.getCode());
    assertEquals(PREFIX + "500 Internal Server Error", e.getMessage());
    assertTrue(e.getResponseBody().length() <= 64 * 1024, "kept " + e.getResponseBody().length() + " chars");
    assertTrue(e.getResponseBody().startsWith("<p>stack trace line</p>\n<p>"));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the client finished");
  }

  @Test
  void rateLimitedWithRetryAfter() {
    always(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());

    RateLimitException e = fails(RateLimitException.class);

    assertEquals(Optional.of(Duration.ofSeconds(30)), e.getRetryAfter());
    assertEquals(PREFIX + "429 Too Many Requests", e.getMessage(), "beyond the 10 s maximum: at once");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void rateLimitedWithoutRetryAfter() {
    always(new MockResponse.Builder().code(429).build());

    RateLimitException e = fails(RateLimitException.class);

    assertEquals(Optional.empty(), e.getRetryAfter());
    assertEquals(PREFIX + "429 Too Many Requests (after 3 attempts)", e.getMessage());
  }

  @Test
  void serviceUnavailableThenOk() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(ok(BODY));

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(42, token.getPk());
    assertEquals("akadmin", token.getUser().getUsername());
  }

  @Test
  void serviceUnavailableForever() {
    always(new MockResponse.Builder().code(503).body("<html>maintenance</html>").build());

    ServerException e = fails(ServerException.class);

    assertEquals(503, e.getCode());
    assertEquals(PREFIX + "503 Service Unavailable (after 3 attempts)", e.getMessage());
    assertEquals("<html>maintenance</html>", e.getResponseBody());
  }

  // --- anything else: a seeded fuzz over the real fixture ---

  @Test
  void mangledFixturesEndInAValueOrMalformedResponse() {
    Random random = new Random(20260501);
    String alphabet = "{}[]\":,.-+eE0129 \\ntfu\u0000\u00e9";
    int values = 0;
    for (int i = 0; i < 300; i++) {
      StringBuilder body = new StringBuilder(BODY);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(body.length());
        switch (random.nextInt(4)) {
          case 0 -> body.setLength(at);
          case 1 -> body.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 2 -> body.delete(at, Math.min(body.length(), at + 1 + random.nextInt(40)));
          default -> body.insert(at, body.substring(at, Math.min(body.length(), at + 1 + random.nextInt(40))));
        }
        if (body.length() == 0) {
          body.append('{');
        }
      }
      server.enqueue(ok(body.toString()));
      String mangled = body.toString();
      try {
        client.oauth2().oauth2RefreshTokensRetrieve(42);
        values++;
      } catch (MalformedResponseException expected) {
        assertNull(expected.getResponseBody());
      } catch (RuntimeException | Error other) {
        throw new AssertionError("case " + i + " escaped as " + other + " for body:\n" + mangled, other);
      }
    }
    assertTrue(values > 0 && values < 300, "some mangled bodies still read, most do not: " + values);
  }

  /** A body of {@code size} bytes made of one line repeated, streamed without holding it in memory. */
  private static final class RepeatedBody implements MockResponseBody {
    private final byte[] line;
    private final long size;

    RepeatedBody(String line, long size) {
      this.line = line.getBytes(StandardCharsets.UTF_8);
      this.size = size;
    }

    @Override
    public long getContentLength() {
      return size;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      for (long written = 0; written < size; written += line.length) {
        sink.write(line, 0, (int) Math.min(line.length, size - written));
      }
    }
  }
}
