package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile responses and broken connections, one test per fault, with retries on as by default
 * (delays of 1 ms): each ends in a value or in exactly the exception README's table names for it, never hangs
 * and never throws anything else. Status-only faults (429, 503) are in {@link RetryTest}, timeouts
 * of a silent server or a stalled body in {@link TimeoutTest}, one response per status in
 * {@link ErrorMappingTest}.
 */
class FaultTest {
  private static final String TOKEN = "ak-fault-test-token-6a5b4c";
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PREFIX = "GET /api/v3/oauth2/refresh_tokens/42/: ";
  private static final Duration SLACK = Duration.ofSeconds(10);
  private static final int DEPTH = 100_000;

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).tcpNoDelay() // the fuzz makes 300 calls
      .configure(b -> b.retryBaseDelay(Duration.ofMillis(1)).readTimeout(Duration.ofSeconds(2))
          .callTimeout(Duration.ofSeconds(8)));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void connectionRefusedIsRetriedThenTransportException() throws IOException {
    String url;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + closed.getLocalPort() + "/";
    }

    TransportException e = fails(TransportException.class, authentik.client(b -> b.baseUrl(url)));

    assertEquals(0, e.getCode());
    assertEquals(ConnectException.class, e.getCause().getClass());
    assertEquals(PREFIX + "could not connect while sending the request (ConnectException) (after 3 attempts)",
        e.getMessage());
  }

  @Test
  void connectionClosedBeforeTheResponseIsRetriedThenTransportException() {
    always(() -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

    TransportException e = fails(TransportException.class, client);

    assertEquals(0, e.getCode());
    assertInstanceOf(IOException.class, e.getCause());
    assertTrue(e.getMessage().startsWith(PREFIX + "failed while sending the request ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("(after 3 attempts)"), e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void connectionClosedMidBodyIsTransportExceptionWithoutRetry() {
    server.enqueue(okBuilder(FIXTURE).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok(FIXTURE));

    TransportException e = fails(TransportException.class, client);

    assertEquals(0, e.getCode());
    assertInstanceOf(IOException.class, e.getCause());
    assertTrue(e.getMessage().startsWith(PREFIX + "failed while reading the response body ("), e.getMessage());
    assertEquals(1, server.getRequestCount(), "a response had started: not retried");
  }

  @Test
  void responseThatNeverComesTimesOutOnEveryAttempt() {
    always(() -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    AuthentikClient impatient = authentik.client(b -> b.readTimeout(Duration.ofMillis(200)));
    TransportException e = fails(TransportException.class, impatient);

    assertEquals(0, e.getCode());
    assertEquals(SocketTimeoutException.class, e.getCause().getClass());
    assertEquals(PREFIX + "timed out while sending the request (SocketTimeoutException) (after 3 attempts)",
        e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void serverThatDoesNotSpeakHttpIsTransportExceptionWithoutRetry() throws Exception {
    // Someone else's service on the port: it greets with a banner instead of an HTTP status line.
    // That is an answer, not a lost connection, and it would be the same answer again.
    try (RawServer ssh = new RawServer("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII))) {
      TransportException e = fails(TransportException.class, authentik.client(b -> b.baseUrl(ssh.url())));

      assertEquals(0, e.getCode());
      assertEquals(ProtocolException.class, e.getCause().getClass());
      assertEquals(PREFIX + "failed while sending the request (ProtocolException)", e.getMessage());
      assertEquals(1, ssh.connections());
    }
  }

  @Test
  void anUntrustedCertificateIsATransportFailureThatIsNotRetried() {
    // The same certificate would come again: a retry could only fail the same way, later.
    HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("authentik").addSubjectAlternativeName(
        server.getHostName()).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslSocketFactory());
    AtomicInteger handshakes = new AtomicInteger();
    OkHttpClient counting = new OkHttpClient.Builder().eventListener(new okhttp3.EventListener() {
      @Override
      public void secureConnectStart(okhttp3.Call call) {
        handshakes.incrementAndGet();
      }
    }).build();
    try {
      AuthentikClient client = authentik.client(b -> b.baseUrl(server.url("/").toString()).httpClient(counting));

      TransportException e = fails(TransportException.class, client);

      assertTrue(e.getMessage().startsWith(PREFIX + "failed while sending the request (SSLHandshakeException)"),
          e.getMessage());
      assertEquals(1, handshakes.get(), "one handshake: not retried");
    } finally {
      counting.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void corruptGzipBodyIsTransportException() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip")
        .body("this is not gzip at all").build());

    TransportException e = fails(TransportException.class, client);

    assertTrue(e.getMessage().startsWith(PREFIX + "failed while reading the response body ("), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void truncatedJsonIsMalformedResponse() {
    String half = FIXTURE.substring(0, FIXTURE.indexOf("\"user\""));
    server.enqueue(ok(half));
    server.enqueue(ok(FIXTURE));

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(200, e.getCode());
    assertEquals(PREFIX + "200 body is not a valid RefreshToken (EOFException at $.provider)", e.getMessage());
    assertNull(e.getResponseBody());
    assertEquals(1, server.getRequestCount(), "a malformed body is not retried");
  }

  @Test
  void htmlLoginPageWith200IsMalformedResponse() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!DOCTYPE html>\n<html><head><title>authentik</title></head><body>Log in</body></html>").build());

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken ("), e.getMessage());
    assertEquals(List.of("text/html; charset=utf-8"), e.getResponseHeaders().get("content-type"));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 204})
  void emptySuccessIsMalformedResponse(int status) {
    server.enqueue(new MockResponse.Builder().code(status).build());

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(status, e.getCode());
    assertEquals(PREFIX + status + " body is empty", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[" + "{\"pk\": 42}" + "]", "\"a string\"", "42", "true", "null"})
  void jsonThatIsNotAnObjectIsMalformedResponse(String body) {
    server.enqueue(ok(body));

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is "), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"provider\": {          | \"provider\": \"4\", \"x\": {          | $.provider",
      "\"user\": {              | \"user\": [], \"x\": {                 | $.user",
      "\"is_expired\": false    | \"is_expired\": \"yes\"                | $.is_expired",
      "\"is_expired\": false    | \"is_expired\": 1                      | $.is_expired",
      "\"expires\": \"2024      | \"expires\": 1723651432, \"x\": \"2024 | $.expires",
      "\"scope\": [             | \"scope\": \"openid\", \"x\": [        | $.scope",
      "\"pk\": 42               | \"pk\": 4294967338                     | $.pk",
      "\"pk\": 42               | \"pk\": 42.5                           | $.pk",
      "\"uuid\": \"b1665940     | \"uuid\": \"not-a-uuid\", \"x\": \"b1665940 | $.user.uuid",
      "\"attributes\": {        | \"attributes\": [1, 2], \"x\": {       | $.user.groups_obj[0].attributes",
      "\"groups_obj\": [        | \"groups_obj\": {}, \"x\": [           | $.user.groups_obj",
  })
  void wrongFieldTypeIsMalformedResponseNamingTheField(String original, String replacement, String path) {
    assertTrue(FIXTURE.contains(original), original);
    server.enqueue(ok(FIXTURE.replaceFirst(java.util.regex.Pattern.quote(original), replacement)));

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken ("), e.getMessage());
    assertTrue(e.getMessage().contains(" at " + path), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void quotedNumberAndBooleanStillRead() {
    // Unambiguous values in quotes are tolerated; only values that mean nothing are refused.
    server.enqueue(ok(FIXTURE.replaceFirst("\"pk\": 42", "\"pk\": \"42\"")
        .replace("\"is_expired\": false", "\"is_expired\": \"true\"")));

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(42, token.getPk());
    assertEquals(true, token.getIsExpired());
  }

  @Test
  void deepNestingInAnUnknownFieldEndsTypedWithoutStackOverflow() {
    server.enqueue(ok(FIXTURE.replaceFirst("\"pk\": 42,", "\"pk\": 42, \"unknown\": " + nested(DEPTH) + ",")));

    assertNestingEndsTyped();
  }

  @Test
  void deepNestingInTheFreeFormUserAttributesEndsTypedWithoutStackOverflow() {
    server.enqueue(ok(FIXTURE.replaceFirst("\"attributes\": \\{\n      \"settings\"",
        "\"attributes\": {\"deep\": " + nested(DEPTH) + ", \"settings\"")));

    assertNestingEndsTyped();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"pk\": 43}", "]", "garbage", "\"more\""})
  void dataAfterTheObjectIsMalformedResponse(String trailer) {
    server.enqueue(ok(FIXTURE + trailer));

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertTrue(e.getMessage().startsWith(PREFIX + "200 body "), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void deepNestingInAnErrorBodyKeepsTheStatusException() {
    server.enqueue(new MockResponse.Builder().code(400).body("{\"non_field_errors\": " + nested(DEPTH) + "}").build());

    ValidationException e = fails(ValidationException.class, client);

    assertNull(e.getValidationError(), "unreadable error body: no typed body");
    assertEquals(PREFIX + "400 Bad Request", e.getMessage());
  }

  @Test
  void hugeFieldNameWithLineBreaksDoesNotBloatOrSplitTheMessage() {
    // The message names where decoding stopped; here that place is a hostile name of 100,000
    // characters. A name the body chose is data, so the path stops before it.
    String name = "a\\nFORGED LOG LINE\\r\\n" + "x".repeat(DEPTH);
    server.enqueue(ok("{\"pk\": 42, \"" + name + "\": "));

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(PREFIX + "200 body is not a valid RefreshToken (EOFException at $…)", e.getMessage());
  }

  @Test
  void deepPathInAFreeFormObjectIsCutAtThatObject() {
    // 255 levels (the decoder's limit) of names the body chose, each a plain-looking one: the path
    // stops at the free-form property, whatever lies below it.
    String key = "some_db_password_" + "x".repeat(47);
    String deep = ("{\"" + key + "\": ").repeat(DEPTH) + "1" + "}".repeat(DEPTH);
    server.enqueue(ok(FIXTURE.replace("\"attributes\": {", "\"attributes\": {\"deep\": " + deep + ", ")));

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(PREFIX + "200 body is not a valid RefreshToken (MalformedJsonException at"
        + " $.user.groups_obj[0].attributes…)", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"500, io.goauthentik.client.ServerException", "404, io.goauthentik.client.NotFoundException"})
  void fiftyMegabyteErrorBodyIsCutTo64KiB(int status, Class<? extends ApiException> type) {
    long size = 50L * 1024 * 1024;
    server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(new RepeatedBody("{\"detail\": \"", 'a', size)).build());

    ApiException e = fails(type, client);

    assertEquals(status, e.getCode());
    assertNotNull(e.getResponseBody());
    assertTrue(e.getResponseBody().startsWith("{\"detail\": \"aaaa"), e.getResponseBody().substring(0, 20));
    assertTrue(e.getResponseBody().length() <= 64 * 1024, "body kept: " + e.getResponseBody().length());
    assertEquals(PREFIX + status + (status == 500 ? " Internal Server Error" : " Not Found"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void invalidUtf8InASuccessBodyIsMalformedResponse() {
    byte[] json = FIXTURE.replace("\"akadmin\"", "\"ak\u0000admin\"").getBytes(StandardCharsets.UTF_8);
    int zero = indexOf(json, (byte) 0);
    byte[] bad = new byte[json.length + 1];
    System.arraycopy(json, 0, bad, 0, zero);
    bad[zero] = (byte) 0xC3; // a two-byte sequence's lead byte ...
    bad[zero + 1] = (byte) 0x28; // ... followed by '(' instead of a continuation byte
    System.arraycopy(json, zero + 1, bad, zero + 2, json.length - zero - 1);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(new Buffer().write(bad)).build());

    MalformedResponseException e = fails(MalformedResponseException.class, client);

    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken (MalformedInputException"),
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void invalidUtf8InAnErrorBodyKeepsTheError() {
    Buffer body = new Buffer().writeUtf8("{\"detail\": \"Not ").write(new byte[] {(byte) 0xFF}).writeUtf8(" found.\"}");
    server.enqueue(new MockResponse.Builder().code(404).body(body).build());

    NotFoundException e = fails(NotFoundException.class, client);

    assertEquals("Not \uFFFD found.", e.getGenericError().getDetail());
  }

  @Test
  void mangledFixturesEndInAValueOrMalformedResponse() {
    // A seeded fuzz over the real fixture: cut, overwrite, delete and repeat random stretches.
    Random random = new Random(20260501);
    String alphabet = "{}[]\":,.-+eE0129 \\ntfu\u0000\u00e9";
    int values = 0;
    for (int i = 0; i < 300; i++) {
      StringBuilder body = new StringBuilder(FIXTURE);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(body.length());
        switch (random.nextInt(4)) {
          case 0 -> body.setLength(Math.max(1, at));
          case 1 -> body.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 2 -> body.delete(at, Math.min(body.length() - 1, at + 1 + random.nextInt(40)));
          default -> body.insert(at, body.substring(at, Math.min(body.length(), at + 1 + random.nextInt(40))));
        }
      }
      server.enqueue(ok(body.toString()));
      try {
        client.oauth2().oauth2RefreshTokensRetrieve(42);
        values++;
      } catch (MalformedResponseException expected) {
        assertNull(expected.getResponseBody());
      } catch (RuntimeException | Error other) {
        throw new AssertionError("case " + i + " escaped as " + other + " for body:\n" + body, other);
      }
    }
    assertTrue(values > 0 && values < 300, "some mangled bodies still read, most do not: " + values);
  }

  @Test
  void validResponseAfterAllThoseStillReads() {
    // One client and one server through a fault of each kind, then a valid answer: no fault may
    // leave behind what breaks the next call (a connection with half a body on it, a stuck call or
    // deadline, a decoder or client left in a bad state).
    List<Fault> faults = List.of(
        new Fault(TransportException.class,
            () -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()),
        new Fault(TransportException.class,
            () -> okBuilder(FIXTURE).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build()),
        new Fault(TransportException.class, () -> new MockResponse.Builder().status("SSH-2.0-OpenSSH_9.6").build()),
        new Fault(TransportException.class, () -> new MockResponse.Builder().code(200)
            .addHeader("Content-Encoding", "gzip").body("this is not gzip at all").build()),
        new Fault(MalformedResponseException.class, () -> ok(FIXTURE.substring(0, FIXTURE.indexOf("\"user\"")))),
        new Fault(MalformedResponseException.class, () -> ok(FIXTURE + "garbage")),
        new Fault(MalformedResponseException.class, () -> new MockResponse.Builder().code(204).build()),
        new Fault(MalformedResponseException.class,
            () -> ok(FIXTURE.replaceFirst("\"pk\": 42,", "\"pk\": 42, \"unknown\": " + nested(DEPTH) + ","))),
        new Fault(ValidationException.class,
            () -> new MockResponse.Builder().code(400).body("{\"non_field_errors\": " + nested(DEPTH) + "}").build()),
        new Fault(ServerException.class, () -> new MockResponse.Builder().code(500)
            .body(new RepeatedBody("{\"detail\": \"", 'a', 1024 * 1024)).build()),
        new Fault(NotFoundException.class, () -> new MockResponse.Builder().code(404)
            .body(new Buffer().writeUtf8("{\"detail\": \"").write(new byte[] {(byte) 0xFF}).writeUtf8("\"}")).build()));
    for (Fault fault : faults) {
      always(fault.response());
      fails(fault.type(), client);
    }
    always(() -> ok(FIXTURE));

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(42, token.getPk());
    assertEquals("akadmin", token.getUser().getUsername());
  }

  /** A response and the exception it must end in. */
  private record Fault(Class<? extends ApiException> type, Supplier<MockResponse> response) {
  }

  private void assertNestingEndsTyped() {
    ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals(MalformedResponseException.class, e.getClass(), () -> "got " + e);
    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith(PREFIX + "200 body is not a valid RefreshToken ("), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  /** Runs a retrieve that must fail with exactly {@code type}, in bounded time. */
  private static <T extends ApiException> T fails(Class<T> type, AuthentikClient client) {
    // Preemptive: a hang fails the test instead of blocking the suite.
    ApiException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));
    assertEquals(type, e.getClass(), () -> "got " + e);
    return type.cast(e);
  }

  private void always(Supplier<MockResponse> response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response.get();
      }
    });
  }

  private static MockResponse.Builder okBuilder(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body);
  }

  private static MockResponse ok(String body) {
    return okBuilder(body).build();
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  /** A prefix and then one byte repeated: a huge body written in chunks, never held in memory. */
  private static final class RepeatedBody implements MockResponseBody {
    private final byte[] prefix;
    private final byte fill;
    private final long size;

    RepeatedBody(String prefix, char fill, long size) {
      this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
      this.fill = (byte) fill;
      this.size = size;
    }

    @Override
    public long getContentLength() {
      return size;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(prefix);
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, fill);
      for (long left = size - prefix.length; left > 0; left -= chunk.length) {
        sink.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  /** A TCP server on 127.0.0.1 that answers every connection with fixed bytes and closes it. */
  private static final class RawServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    RawServer(byte[] answer) throws IOException {
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket connection = socket.accept()) {
            connections.incrementAndGet();
            OutputStream out = connection.getOutputStream();
            out.write(answer);
            out.flush();
            InputStream in = connection.getInputStream();
            in.read(new byte[8192]); // let the client speak before the connection closes
          } catch (IOException closed) {
            // the test is over, or the client hung up
          }
        }
      }, "raw-server");
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(5_000);
    }
  }
}
