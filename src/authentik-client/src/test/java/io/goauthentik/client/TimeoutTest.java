package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * connectTimeout, readTimeout and callTimeout: their defaults, how they combine with an injected
 * OkHttpClient, and that a silent server ends in {@link TransportException} within the configured
 * time. Upper bounds carry generous slack; nothing asserts that a call took at least some time.
 */
class TimeoutTest {
  private static final String TOKEN = "ak-timeout-test-token-1f2e3d";
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");
  /** Generous: a call configured to end within 2 s must end well within this. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1)));
  private final MockWebServer server = authentik.server();

  @Test
  void defaultsAreTenThirtyAndSixtySeconds() {
    AuthentikClient client = authentik.client();
    assertEquals(10_000, client.http().connectTimeoutMillis());
    assertEquals(30_000, client.http().readTimeoutMillis());

    // The 60 s budget at work: a Retry-After of 60 s, which retryMaxDelay would allow, does not fit
    // in what is left of it, so the call ends at once instead of waiting.
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60").build());
    server.enqueue(ok());
    AuthentikClient patient = authentik.client(b -> b.retryMaxDelay(Duration.ofMinutes(5)));
    RateLimitException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(RateLimitException.class, () -> patient.oauth2().oauth2RefreshTokensRetrieve(42)));
    assertEquals(Optional.of(Duration.ofSeconds(60)), e.getRetryAfter());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void builderTimeoutsOverrideThoseOfAnInjectedClient() {
    UnaryOperator<AuthentikClient.Builder> overrides = b -> b.connectTimeout(Duration.ofSeconds(4))
        .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(500));
    Seen seen = retrieveThrough(clientWithOneMinuteTimeouts(), overrides);

    assertEquals(4_000, seen.connectTimeoutMillis());
    assertEquals(5_000, seen.readTimeoutMillis());
    // The budget is the builder's too: a server that never answers is given up on after 500 ms, long
    // before the injected client's minute or the builder's 5 s read timeout.
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    OkHttpClient injected = clientWithOneMinuteTimeouts();
    try {
      AuthentikClient client = authentik.client(b -> overrides.apply(b.httpClient(injected)));
      TransportException e = assertTimeoutPreemptively(SLACK,
          () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));
      assertEquals(InterruptedIOException.class, e.getCause().getClass(), "ended by the budget");
    } finally {
      injected.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void timeoutsOfAnInjectedClientAreKeptWhenTheBuilderSetsNone() {
    // Its call timeout is kept too: callTimeoutOfAnInjectedClientBoundsTheCall.
    Seen seen = retrieveThrough(clientWithOneTwoThreeSeconds(), b -> b);

    assertEquals(1_000, seen.connectTimeoutMillis());
    assertEquals(2_000, seen.readTimeoutMillis());
  }

  @Test
  void zeroCallTimeoutMeansNoBudget() {
    // A body that takes about a second to trickle in: the injected client's 300 ms call timeout
    // would end it, but the builder's zero says there is no budget at all.
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(FIXTURE).throttleBody(256, 50, TimeUnit.MILLISECONDS).build());
    OkHttpClient injected = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(300)).build();

    try {
      AuthentikClient client = authentik.client(b -> b.httpClient(injected).callTimeout(Duration.ZERO));
      assertEquals(42, assertTimeoutPreemptively(SLACK, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)).getPk());
    } finally {
      injected.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void serverThatNeverAnswersEndsByTheCallTimeout() {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    // readTimeout stays at its 30 s default: only the call budget can end this call in time.
    AuthentikClient client = authentik.client(b -> b.callTimeout(Duration.ofMillis(500)));
    TransportException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));

    assertEquals(TransportException.class, e.getClass());
    assertEquals(0, e.getCode());
    assertTrue(e.getCause() instanceof InterruptedIOException, String.valueOf(e.getCause()));
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: ran out of its callTimeout while sending the request"
        + " (InterruptedIOException)", e.getMessage());
    assertEquals(1, server.getRequestCount(), "the budget is spent: no retry");
  }

  @Test
  void serverThatAcceptsAndNeverAnswersEndsByTheReadTimeout() throws Exception {
    // The kernel accepts connections into the backlog; nobody ever reads or writes them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AuthentikClient client = authentik.client(b -> b.baseUrl("http://127.0.0.1:" + silent.getLocalPort())
          .readTimeout(Duration.ofMillis(200)).maxRetries(0));
      TransportException e = assertTimeoutPreemptively(SLACK,
          () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));

      assertEquals(SocketTimeoutException.class, e.getCause().getClass());
      assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: timed out while sending the request"
          + " (SocketTimeoutException)", e.getMessage());
    }
  }

  @Test
  void connectTimeoutReachesTheSocketAndEndsInTransportException() {
    // Sockets whose connect always times out, after noting the timeout they were given.
    List<Integer> timeouts = new CopyOnWriteArrayList<>();
    SocketFactory neverConnects = new ConnectingSockets((endpoint, timeout) -> {
      timeouts.add(timeout);
      throw new SocketTimeoutException("connect timed out");
    });
    OkHttpClient http = new OkHttpClient.Builder().socketFactory(neverConnects).build();

    AuthentikClient client = authentik.client(b -> b.httpClient(http).connectTimeout(Duration.ofMillis(1234)));
    TransportException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: timed out while sending the request"
        + " (SocketTimeoutException) (after 3 attempts)", e.getMessage(), "a connect timeout is retried");
    assertTrue(!timeouts.isEmpty() && timeouts.stream().allMatch(t -> t == 1234), timeouts.toString());
  }

  @Test
  void callTimeoutOfAnInjectedClientBoundsTheCall() {
    always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    OkHttpClient own = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(500)).build();

    try {
      AuthentikClient client = authentik.client(b -> b.httpClient(own));
      TransportException e = assertTimeoutPreemptively(SLACK,
          () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));
      assertEquals(TransportException.class, e.getClass());
    } finally {
      own.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void readTimeoutFiresOnABodyThatStalls() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(FIXTURE).onResponseBody(SocketEffect.Stall.INSTANCE).build());

    AuthentikClient client = authentik.client(b -> b.readTimeout(Duration.ofMillis(300)));
    TransportException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));

    assertEquals(TransportException.class, e.getClass());
    assertEquals(SocketTimeoutException.class, e.getCause().getClass());
    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: timed out while reading the response body"
        + " (SocketTimeoutException)", e.getMessage());
    assertEquals(1, server.getRequestCount(), "a response had started: not retried");
  }

  @Test
  void callTimeoutEndsABodyThatTricklesInFasterThanTheReadTimeout() {
    // 64 bytes every 50 ms: never silent long enough for the read timeout, but far too slow overall.
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(FIXTURE).throttleBody(64, 50, TimeUnit.MILLISECONDS).build());

    AuthentikClient client = authentik.client(b -> b.readTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofMillis(500)));
    TransportException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));

    assertEquals(TransportException.class, e.getClass());
    assertTrue(e.getMessage().contains("while reading the response body"), e.getMessage());
  }

  @Test
  void callTimeoutBoundsTheRetries() {
    // Every answer is 503 asking for a 1 s pause: the 1.8 s budget allows the first retry only,
    // long before maxRetries(10) is used up.
    always(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());

    AuthentikClient client = authentik.client(b -> b.maxRetries(10).retryMaxDelay(Duration.ofSeconds(5))
        .callTimeout(Duration.ofMillis(1800)));
    ServerException e = assertTimeoutPreemptively(SLACK,
        () -> assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(42)));

    assertEquals(ServerException.class, e.getClass());
    assertEquals(503, e.getCode());
    assertTrue(e.getMessage().endsWith("503 Service Unavailable (after 2 attempts)"), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  /** The timeouts a call carried when it reached the network, seen by an application interceptor. */
  private record Seen(int connectTimeoutMillis, int readTimeoutMillis) {
  }

  /** Retrieves once through {@code http}, recording the timeouts the call carried. */
  private Seen retrieveThrough(OkHttpClient http, UnaryOperator<AuthentikClient.Builder> settings) {
    server.enqueue(ok());
    AtomicReference<Seen> seen = new AtomicReference<>();
    OkHttpClient recording = http.newBuilder().addInterceptor(chain -> {
      seen.set(new Seen(chain.connectTimeoutMillis(), chain.readTimeoutMillis()));
      return chain.proceed(chain.request());
    }).build();
    try {
      AuthentikClient client = authentik.client(b -> settings.apply(b.httpClient(recording)));
      assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
      return seen.get();
    } finally {
      recording.dispatcher().executorService().shutdown();
    }
  }

  private static OkHttpClient clientWithOneTwoThreeSeconds() {
    return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3)).build();
  }

  private static OkHttpClient clientWithOneMinuteTimeouts() {
    return new OkHttpClient.Builder().connectTimeout(Duration.ofMinutes(1))
        .readTimeout(Duration.ofMinutes(1)).callTimeout(Duration.ofMinutes(1)).build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(FIXTURE).build();
  }

  private void always(MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }
}
