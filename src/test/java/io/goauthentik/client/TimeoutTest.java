package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * connectTimeout, readTimeout and callTimeout (the whole call, retries included): a server that
 * stays silent ends the call in {@link TransportException} within the configured time.
 */
class TimeoutTest {
  private static final String TOKEN = "ak-timeout-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String PREFIX = "GET /api/v3/oauth2/refresh_tokens/42/: ";
  /** Generous room for a slow, shared machine; the timeouts under test are far shorter than a default. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AuthentikClient.Builder builder(String url) {
    return AuthentikClient.builder().baseUrl(url).token(TOKEN).retryBaseDelay(Duration.ofMillis(1));
  }

  private AuthentikClient.Builder builder() {
    return builder(server.url("/").toString());
  }

  /** Runs the call, checks it ends in TransportException no later than {@code limit} + slack, returns it. */
  private static TransportException failsWithin(AuthentikClient.Builder builder, Duration limit) {
    try (AuthentikClient client = builder.build()) {
      long start = System.nanoTime();
      ApiException e = assertThrows(ApiException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(TransportException.class, e.getClass(), () -> "got " + e);
      assertEquals(0, e.getCode());
      assertTrue(took.compareTo(limit.plus(SLACK)) < 0, "took " + took + ", limit " + limit);
      return (TransportException) e;
    }
  }

  @Test
  void serverThatAcceptsAndNeverAnswersEndsAfterTheReadTimeout() throws Exception {
    // The kernel accepts connections into the backlog; nobody ever reads or writes them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";

      TransportException e = failsWithin(builder(url).readTimeout(Duration.ofMillis(200)).maxRetries(0),
          Duration.ofMillis(200));

      assertEquals(PREFIX + "timed out while sending the request (SocketTimeoutException)", e.getMessage());
      assertEquals(SocketTimeoutException.class, e.getCause().getClass());
    }
  }

  @Test
  void silentServerIsTriedAgainAfterEachReadTimeout() {
    server.setDispatcher(stall());

    TransportException e = failsWithin(builder().readTimeout(Duration.ofMillis(200)), Duration.ofMillis(3 * 200));

    assertEquals(PREFIX + "timed out while sending the request (SocketTimeoutException) (after 3 attempts)",
        e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void callTimeoutEndsAWaitLongerThanIt() {
    server.setDispatcher(stall());

    TransportException e = failsWithin(builder().readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofMillis(300)),
        Duration.ofMillis(300));

    assertEquals(PREFIX + "timed out or was cancelled while sending the request (InterruptedIOException)", e.getMessage());
    assertEquals(1, server.getRequestCount(), "the budget is spent: no retry");
  }

  @Test
  void callTimeoutCoversEveryAttemptAndWait() {
    server.setDispatcher(stall());

    TransportException e = failsWithin(builder().readTimeout(Duration.ofMillis(200)).maxRetries(100)
        .retryBaseDelay(Duration.ofMillis(50)).callTimeout(Duration.ofMillis(700)), Duration.ofMillis(700));

    assertTrue(e.getMessage().startsWith(PREFIX + "timed out"), e.getMessage());
    assertTrue(server.getRequestCount() <= 4, "at most 4 attempts of 200 ms fit in 700 ms, got " + server.getRequestCount());
  }

  @Test
  void stalledBodyEndsAfterTheReadTimeout() {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).onResponseBody(SocketEffect.Stall.INSTANCE).build());

    TransportException e = failsWithin(builder().readTimeout(Duration.ofMillis(200)), Duration.ofMillis(200));

    assertEquals(PREFIX + "timed out while reading the response body (SocketTimeoutException)", e.getMessage());
  }

  @Test
  void tricklingBodyEndsAtTheCallTimeout() {
    // One byte every 100 ms never trips the read timeout; only the whole-call budget stops it.
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).throttleBody(1, 100, TimeUnit.MILLISECONDS).build());

    TransportException e = failsWithin(builder().readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(500)),
        Duration.ofMillis(500));

    assertEquals(PREFIX + "timed out or was cancelled while reading the response body (InterruptedIOException)",
        e.getMessage());
    assertEquals(InterruptedIOException.class, e.getCause().getClass());
  }

  @Test
  void connectTimeoutReachesTheSocketAndEndsInTransportException() {
    // A socket whose connect always times out, after noting the timeout it was given.
    List<Integer> timeouts = new CopyOnWriteArrayList<>();
    SocketFactory neverConnects = new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            timeouts.add(timeout);
            throw new SocketTimeoutException("connect timed out");
          }
        };
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
      }
    };
    OkHttpClient http = new OkHttpClient.Builder().socketFactory(neverConnects).build();

    TransportException e = failsWithin(builder().httpClient(http).connectTimeout(Duration.ofMillis(1234)),
        Duration.ZERO);

    assertTrue(e.getMessage().startsWith(PREFIX + "timed out while sending the request (SocketTimeoutException)"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(after 3 attempts)"), "a connect timeout is retried: " + e.getMessage());
    assertTrue(!timeouts.isEmpty() && timeouts.stream().allMatch(t -> t == 1234), timeouts.toString());
  }

  @Test
  void builderTimeoutsReachEveryAttempt() throws Exception {
    AtomicLong connect = new AtomicLong();
    AtomicLong read = new AtomicLong();
    AtomicLong call = new AtomicLong();
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(observe(connect, read, call)).build();
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    try (AuthentikClient client = builder().httpClient(http).connectTimeout(Duration.ofMillis(1234))
        .readTimeout(Duration.ofMillis(5678)).callTimeout(Duration.ofSeconds(7)).build()) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
    }

    assertEquals(1234, connect.get());
    assertEquals(5678, read.get());
    assertTrue(call.get() > Duration.ofSeconds(6).toNanos() && call.get() <= Duration.ofSeconds(7).toNanos(),
        "what is left of the 7 s budget: " + call.get());
  }

  @Test
  void callTimeoutDefaultsToSixtySecondsAndAnInjectedClientKeepsItsOwnConnectAndReadTimeouts() throws Exception {
    AtomicLong connect = new AtomicLong();
    AtomicLong read = new AtomicLong();
    AtomicLong call = new AtomicLong();
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(observe(connect, read, call))
        .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(4)).callTimeout(Duration.ofSeconds(5))
        .build();
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    try (AuthentikClient client = builder().httpClient(http).build()) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
    }

    assertEquals(3000, connect.get());
    assertEquals(4000, read.get());
    assertTrue(call.get() > Duration.ofSeconds(59).toNanos() && call.get() <= Duration.ofSeconds(60).toNanos(),
        "the SDK's whole-call budget replaces the client's own: " + call.get());
  }

  @Test
  void zeroCallTimeoutMeansNoBudget() throws Exception {
    AtomicLong call = new AtomicLong(-1);
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(observe(new AtomicLong(), new AtomicLong(), call))
        .build();
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());

    try (AuthentikClient client = builder().httpClient(http).callTimeout(Duration.ZERO).build()) {
      client.oauth2().oauth2RefreshTokensRetrieve(42);
    }

    assertEquals(0, call.get());
  }

  private static Interceptor observe(AtomicLong connectMillis, AtomicLong readMillis, AtomicLong callNanos) {
    return chain -> {
      connectMillis.set(chain.connectTimeoutMillis());
      readMillis.set(chain.readTimeoutMillis());
      callNanos.set(chain.call().timeout().timeoutNanos());
      return chain.proceed(chain.request());
    };
  }

  private static mockwebserver3.Dispatcher stall() {
    return new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      }
    };
  }
}
