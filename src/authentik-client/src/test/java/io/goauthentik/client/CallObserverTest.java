package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What a {@link CallObserver} sees of a call: one start, one end, one retry event per retry, the
 * operation and path template (never an id), the status or error; headers it adds are sent; and an
 * observer that throws changes nothing about the call.
 */
@Isolated // reads the SDK's log, which test classes running beside it would write to
class CallObserverTest {
  private static final String TOKEN = "ak-observer-test-token-5c4b";
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");

  private final Recorder recorder = new Recorder();

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.retryBaseDelay(Duration.ofMillis(1))
      .callTimeout(Duration.ofSeconds(10)).observer(recorder));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void aSuccessfulCallIsOneStartAndOneEndWithTheOperationAndTemplate() {
    server.enqueue(ok());

    client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(List.of("start oauth2_refresh_tokens_retrieve GET /oauth2/refresh_tokens/{id}/ /api/v3 "
        + server.getHostName() + ":" + server.getPort(), "end attempts=1 status=200 error=none"), recorder.events);
    assertTrue(recorder.outcomes.get(0).isSuccess());
    assertFalse(recorder.outcomes.get(0).duration().isNegative());
  }

  @Test
  void retriesAreReportedOnceEachAndTheEndCountsEveryAttempt() {
    server.enqueue(status(503));
    server.enqueue(status(502));
    server.enqueue(ok());

    client.oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(List.of("start oauth2_refresh_tokens_retrieve GET /oauth2/refresh_tokens/{id}/ /api/v3 "
        + server.getHostName() + ":" + server.getPort(),
        "retry attempts=1 status=503 error=ServerException",
        "retry attempts=2 status=502 error=ServerException",
        "end attempts=3 status=200 error=none"), recorder.events);
  }

  @Test
  void aFailedCallEndsWithTheExceptionTheCallerGets() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"detail\": \"Not found.\"}").build());

    NotFoundException thrown = assertThrows(NotFoundException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals("end attempts=1 status=404 error=NotFoundException", recorder.events.get(1));
    assertEquals(thrown, recorder.outcomes.get(0).error());
  }

  @Test
  void aConnectionFailureEndsWithNoStatus() {
    AuthentikClient once = authentik.client(b -> b.maxRetries(0));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

    assertThrows(TransportException.class, () -> once.oauth2().oauth2RefreshTokensRetrieve(42));

    assertEquals("end attempts=1 status=0 error=TransportException", recorder.events.get(1));
  }

  @Test
  void anAsynchronousCallIsObservedTheSameWay() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());

    client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get();

    assertEquals(List.of("start oauth2_refresh_tokens_retrieve GET /oauth2/refresh_tokens/{id}/ /api/v3 "
        + server.getHostName() + ":" + server.getPort(),
        "retry attempts=1 status=503 error=ServerException",
        "end attempts=2 status=200 error=none"), recorder.events);
  }

  @Test
  void anAsynchronousFailureIsObservedBeforeTheFutureCompletes() {
    server.enqueue(status(400));

    CompletableFuture<?> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);

    ExecutionException e = assertThrows(ExecutionException.class, future::get);
    assertInstanceOf(ValidationException.class, e.getCause());
    assertEquals("end attempts=1 status=400 error=ValidationException", recorder.events.get(1));
  }

  @Test
  void aCancelledFutureEndsTheCallOnce() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    CompletableFuture<?> future = client.oauth2().oauth2RefreshTokensRetrieveAsync(42);
    server.takeRequest(); // the attempt is in flight
    future.cancel(true);

    assertEquals(2, recorder.events.size(), recorder.events::toString);
    assertEquals("end attempts=1 status=0 error=CancellationException", recorder.events.get(1));
  }

  @Test
  void headersTheObserverAddsAreSentWithEveryAttemptButNeverReplaceTheToken() throws Exception {
    AuthentikClient traced = authentik.client(b -> b.observer((call, headers) -> {
      headers.accept("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
      headers.accept("Authorization", "Bearer stolen");
      return outcome -> { };
    }));
    server.enqueue(status(503));
    server.enqueue(ok());

    traced.oauth2().oauth2RefreshTokensRetrieve(42);

    for (int i = 0; i < 2; i++) {
      RecordedRequest sent = server.takeRequest();
      assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", sent.getHeaders().get("traceparent"));
      assertEquals("Bearer " + TOKEN, sent.getHeaders().get("Authorization"));
    }
  }

  @Test
  void anObserverThatThrowsNeverBreaksACallAndIsLoggedOnceWithoutSecrets() {
    CallObserver broken = (call, headers) -> {
      throw new IllegalStateException("observer broke, token " + TOKEN);
    };
    CallObserver brokenLater = (call, headers) -> new CallObserver.Observation() {
      @Override
      public void onRetry(CallOutcome failedAttempt, Duration wait) {
        throw new IllegalStateException("retry broke " + TOKEN);
      }

      @Override
      public void onEnd(CallOutcome outcome) {
        throw new IllegalStateException("end broke " + TOKEN);
      }
    };
    for (CallObserver observer : List.of(broken, brokenLater)) {
      AuthentikClient observed = authentik.client(b -> b.observer(observer));
      try (LogCapture log = new LogCapture("io.goauthentik.client")) {
        server.enqueue(status(503));
        server.enqueue(ok());
        server.enqueue(ok());

        assertEquals(42, observed.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
        assertEquals(42, observed.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

        List<String> lines = log.lines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains("IllegalStateException"), lines::toString);
        assertFalse(lines.get(0).contains(TOKEN), lines::toString);
      }
    }
  }

  @Test
  void aDerivedClientKeepsTheObserverAndWithoutOneNothingIsReported() {
    server.enqueue(ok());
    server.enqueue(ok());

    client.newBuilder().build().oauth2().oauth2RefreshTokensRetrieve(42);
    client.newBuilder().observer(null).build().oauth2().oauth2RefreshTokensRetrieve(42);

    assertEquals(2, recorder.events.size());
    assertNull(recorder.outcomes.get(0).error());
  }

  /** Writes down every event as a line. */
  private static final class Recorder implements CallObserver {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<CallOutcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public Observation onStart(CallInfo call, BiConsumer<String, String> headers) {
      events.add("start " + call.operation() + " " + call.method() + " " + call.pathTemplate() + " " + call.apiPath()
          + " " + call.serverAddress() + ":" + call.serverPort());
      return new Observation() {
        @Override
        public void onRetry(CallOutcome failedAttempt, Duration wait) {
          events.add("retry " + line(failedAttempt));
        }

        @Override
        public void onEnd(CallOutcome outcome) {
          events.add("end " + line(outcome));
          outcomes.add(outcome);
        }
      };
    }

    private static String line(CallOutcome outcome) {
      return "attempts=" + outcome.attempts() + " status=" + outcome.status() + " error="
          + (outcome.error() == null ? "none" : outcome.error().getClass().getSimpleName());
    }
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(FIXTURE).build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain").body("status " + code).build();
  }
}
