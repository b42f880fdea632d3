package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * One client shared by 16 threads for 8,000 calls through a server that fails about one request in
 * twenty: every call ends in a value or a typed exception, no connection leaks, and close() ends
 * the threads the client owns but leaves an injected OkHttpClient alone.
 */
@Isolated // reads the SDK's log, which test classes running beside it would write to
class LoadTest {
  private static final String TOKEN = "ak-load-test-token";
  private static final String BODY = Fixtures.load("2024.6.3", "refresh_token.json");
  private static final String NOT_FOUND = Fixtures.load("2024.6.3", "404.json");
  private static final int THREADS = 16;
  private static final int CALLS_PER_THREAD = 500;
  private static final long WAIT_SECONDS = 30;

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).tcpNoDelay();
  private final MockWebServer server = authentik.server();

  /**
   * Answers with the token of the id asked for; of every 80 requests, one 503, one disconnect, one
   * bad body, one 404.
   */
  private static final class FaultyAuthentik extends Dispatcher {
    final AtomicInteger requests = new AtomicInteger();
    final LongAdder goodServed = new LongAdder();
    final LongAdder malformedServed = new LongAdder();
    final LongAdder notFoundServed = new LongAdder();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      switch (requests.incrementAndGet() % 80) {
        case 0:
          return new MockResponse.Builder().code(503).body("overloaded").build();
        case 20:
          return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
        case 40:
          malformedServed.increment();
          return new MockResponse.Builder().code(200).body(BODY.substring(0, 700)).build();
        case 60:
          notFoundServed.increment();
          return new MockResponse.Builder().code(404).body(NOT_FOUND).build();
        default:
          goodServed.increment();
          String id = request.getUrl().pathSegments().get(4);
          return new MockResponse.Builder().code(200).body(BODY.replaceFirst("\"pk\": 42", "\"pk\": " + id)).build();
      }
    }
  }

  @Test
  void sixteenThreadsShareOneClientThroughFaults() throws Exception {
    FaultyAuthentik dispatcher = new FaultyAuthentik();
    server.setDispatcher(dispatcher);
    ConnectionPool pool = new ConnectionPool();
    OkHttpClient http = new OkHttpClient.Builder().connectionPool(pool).build();
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    List<Integer> wrongAnswers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    try (LogCapture okhttpLog = new LogCapture("okhttp3.OkHttpClient")) {
      // No whole-call budget: until its deadline a watchdog holds every call, so the garbage
      // collector could not take one that leaked its body, and OkHttp would not report it.
      AuthentikClient client = authentik.client(b -> b.httpClient(http).retryBaseDelay(Duration.ofMillis(1))
          .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ZERO));
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int firstId = 100_000 * (t + 1);
        done.add(threads.submit(() -> {
          go.await();
          for (int id = firstId; id < firstId + CALLS_PER_THREAD; id++) {
            String outcome;
            try {
              // Every fourth call goes through the future, so both paths share the load.
              RefreshToken token = id % 4 == 0
                  ? unwrap(client.oauth2().oauth2RefreshTokensRetrieveAsync(id))
                  : client.oauth2().oauth2RefreshTokensRetrieve(id);
              outcome = "value";
              if (token.getPk() != id) {
                synchronized (wrongAnswers) {
                  wrongAnswers.add(id);
                }
              }
            } catch (ApiException e) {
              outcome = e.getClass().getSimpleName();
            } catch (RuntimeException | Error e) {
              outcome = "UNTYPED " + e;
            }
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> thread : done) {
        thread.get(WAIT_SECONDS, TimeUnit.SECONDS);
      }

      long total = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
      assertEquals(THREADS * CALLS_PER_THREAD, total, outcomes.toString());
      assertTrue(Set.of("value", "MalformedResponseException", "NotFoundException", "ServerException",
          "TransportException").containsAll(outcomes.keySet()), "only values and typed exceptions: " + outcomes);
      assertEquals(dispatcher.goodServed.sum(), count(outcomes, "value"), "each good answer is one value: " + outcomes);
      assertEquals(dispatcher.malformedServed.sum(), count(outcomes, "MalformedResponseException"),
          "each bad body is one MalformedResponseException, never retried: " + outcomes);
      assertEquals(dispatcher.notFoundServed.sum(), count(outcomes, "NotFoundException"),
          "each 404 is one NotFoundException, never retried: " + outcomes);
      assertTrue(count(outcomes, "value") > THREADS * CALLS_PER_THREAD * 9 / 10, "retries absorb 503s and disconnects");
      assertEquals(List.of(), wrongAnswers, "ids answered with another token");
      // A body left open keeps its connection allocated to its call, so the pool, asked directly,
      // counts it as busy; OkHttp's "leaked" warning comes only once the garbage collector has taken
      // such a call, and any that came during the run is in the log already.
      assertEquals(pool.connectionCount(), pool.idleConnectionCount(), "a connection is still held by a call");
      assertEquals(List.of(), okhttpLog.records().stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .map(r -> r.getMessage()).toList(), "OkHttp warnings such as a leaked connection");
    } finally {
      threads.shutdownNow();
      http.dispatcher().executorService().shutdown();
      pool.evictAll();
    }
  }

  @Test
  void closeEndsTheThreadsTheClientOwns() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());
    Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
    CountDownLatch answer = holdAnswers();

    AuthentikClient client = authentik.client();
    List<CompletableFuture<RefreshToken>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      // Attached before the answer arrives, so it runs on the thread that completes the call.
      calls.add(client.oauth2().oauth2RefreshTokensRetrieveAsync(42)
          .whenComplete((value, error) -> callbackThreads.add(Thread.currentThread())));
    }
    answer.countDown();
    for (CompletableFuture<RefreshToken> call : calls) {
      assertEquals(42, call.get(WAIT_SECONDS, TimeUnit.SECONDS).getPk());
    }
    assertFalse(callbackThreads.isEmpty());
    for (Thread thread : callbackThreads) {
      assertTrue(thread.getName().startsWith("OkHttp"), thread.getName());
      assertTrue(thread.isAlive(), "an idle OkHttp thread lives on for a minute unless closed");
    }

    client.close();

    for (Thread thread : callbackThreads) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(thread.isAlive(), thread.getName() + " outlived close()");
    }
  }

  @Test
  void closeLeavesAnInjectedClientRunning() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());
    server.enqueue(new MockResponse.Builder().code(200).body(BODY).build());
    server.enqueue(new MockResponse.Builder().code(200).body("owner's own call").build());
    ConnectionPool pool = new ConnectionPool();
    OkHttpClient http = new OkHttpClient.Builder().connectionPool(pool).build();
    String url = server.url("/").toString();

    try {
      try (AuthentikClient client = authentik.client(b -> b.httpClient(http))) {
        client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(WAIT_SECONDS, TimeUnit.SECONDS);
      }

      assertFalse(http.dispatcher().executorService().isShutdown(), "close() shut down the owner's dispatcher");
      assertEquals(1, pool.idleConnectionCount(), "close() evicted the owner's pooled connection");
      try (AuthentikClient again = authentik.client(b -> b.httpClient(http))) {
        assertEquals(42, again.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(WAIT_SECONDS, TimeUnit.SECONDS).getPk());
      }
      try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals("owner's own call", response.body().string());
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      pool.evictAll();
    }
  }

  /** Makes the server wait with every answer until the returned latch is released. */
  private CountDownLatch holdAnswers() {
    CountDownLatch release = new CountDownLatch(1);
    Dispatcher queue = server.getDispatcher();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
        return queue.dispatch(request);
      }
    });
    return release;
  }

  private static long count(Map<String, LongAdder> outcomes, String key) {
    LongAdder adder = outcomes.get(key);
    return adder == null ? 0 : adder.sum();
  }

  private static RefreshToken unwrap(CompletableFuture<RefreshToken> future) throws Exception {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
