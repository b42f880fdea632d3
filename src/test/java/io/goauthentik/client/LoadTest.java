package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads share one client against a server that misbehaves now and then: every call ends
 * as a value or one of the SDK's exceptions, no connection leaks, and {@code close()} ends the
 * threads the client started while leaving an injected OkHttpClient alone.
 */
class LoadTest {
  private static final String TOKEN = "ak-load-token-6a8c0e2b4d";
  private static final int THREADS = 16;
  private static final int CALLS_PER_THREAD = 500;
  private static final String FIXTURE = Fixtures.load("2025.10.4", "refresh_token.json");
  private static final String NOT_FOUND = Fixtures.load("2025.10.4", "404.json");

  private final MockWebServer server = new MockWebServer();
  private final FaultyServer faults = new FaultyServer();
  private ExecutorService workers;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(faults);
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
    workers = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    server.close();
  }

  @Test
  void everyCallIsAccountedForNothingLeaksAndCloseEndsTheClientsThreads() throws Exception {
    Set<Thread> okHttpThreadsBefore = okHttpThreads();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    // No whole-call budget: until its deadline a call stays referenced by Okio's watchdog, so the
    // garbage collector could not take a call that leaked its body, and OkHttp would not report it.
    AuthentikClient client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
        .maxRetries(2).retryBaseDelay(Duration.ofMillis(1)).callTimeout(Duration.ZERO).build();
    try (LogCapture okHttpLog = new LogCapture("okhttp3.OkHttpClient")) {
      Map<String, Long> counts = callFromAllThreads(client, unexpected);

      assertEquals(List.of(), unexpected, "only values and the SDK's exceptions");
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      assertEquals(THREADS * CALLS_PER_THREAD, total, counts::toString);
      assertTrue(Set.of("value", "NotFoundException", "MalformedResponseException", "ServerException",
          "TransportException").containsAll(counts.keySet()), counts::toString);
      // Neither a 404 nor a malformed 200 is retried: each one served ends exactly one call.
      assertEquals(faults.notFound.get(), counts.getOrDefault("NotFoundException", 0L), counts::toString);
      assertEquals(faults.malformed.get(), counts.getOrDefault("MalformedResponseException", 0L), counts::toString);
      assertTrue(counts.getOrDefault("value", 0L) > THREADS * CALLS_PER_THREAD * 9 / 10, counts::toString);
      assertTrue(faults.unavailable.get() > 0 && faults.disconnected.get() > 0 && faults.notFound.get() > 0
          && faults.malformed.get() > 0, "every kind of fault was served");
      assertEquals(faults.served.get(), server.getRequestCount());

      // A response body left open is reported when the garbage collector has taken its call and the
      // pool next looks at its connections, which one more call makes it do.
      System.gc();
      call(client, 1, false, unexpected);
      assertFalse(okHttpLog.await(line -> line.contains("leaked"), Duration.ofSeconds(1)),
          () -> okHttpLog.lines().toString());
      assertEquals(List.of(), okHttpLog.lines(), "OkHttp logged nothing at any level");

      Set<Thread> started = okHttpThreads();
      started.removeAll(okHttpThreadsBefore);
      // The dispatcher's threads are not daemons: left running, they keep the JVM from exiting. OkHttp's
      // TaskRunner threads are daemons, shared by every OkHttpClient in the JVM, and end by themselves.
      started.removeIf(Thread::isDaemon);
      assertFalse(started.isEmpty(), "the asynchronous calls ran on this client's dispatcher threads");

      client.close();

      assertEquals(List.of(), stillAlive(started, Duration.ofSeconds(5)), "threads left behind by close()");
    } finally {
      client.close();
    }
  }

  @Test
  void closeLeavesAnInjectedOkHttpClientRunning() throws Exception {
    faults.faultless = true;
    OkHttpClient injected = new OkHttpClient();
    try {
      AuthentikClient client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
          .httpClient(injected).build();
      assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(10, TimeUnit.SECONDS).getPk());

      client.close();

      assertFalse(injected.dispatcher().executorService().isShutdown(), "the caller owns the injected client");
      try (AuthentikClient another = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
          .httpClient(injected).build()) {
        assertEquals(7, another.oauth2().oauth2RefreshTokensRetrieveAsync(7).get(10, TimeUnit.SECONDS).getPk());
      }
      try (Response response = injected.newCall(new Request.Builder().url(server.url("/plain")).build()).execute()) {
        assertEquals(200, response.code());
      }
    } finally {
      injected.dispatcher().executorService().shutdown();
      injected.connectionPool().evictAll();
    }
  }

  @Test
  void callsAfterCloseFailAtOnceWithoutSendingAnything() throws Exception {
    faults.faultless = true;
    AuthentikClient client = AuthentikClient.builder().baseUrl(server.url("/").toString()).token(TOKEN).build();
    assertEquals(42, client.oauth2().oauth2RefreshTokensRetrieve(42).getPk());
    client.close();
    client.close(); // closing twice is harmless

    TransportException sync = assertThrows(TransportException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(42));
    ExecutionException async = assertThrows(ExecutionException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieveAsync(42).get(10, TimeUnit.SECONDS));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: not sent: the client is closed", sync.getMessage());
    TransportException asyncCause = assertInstanceOf(TransportException.class, async.getCause());
    assertEquals(sync.getMessage(), asyncCause.getMessage());
    assertEquals(1, server.getRequestCount(), "nothing was sent after close()");
  }

  /**
   * {@link #CALLS_PER_THREAD} calls from each of {@link #THREADS} threads, started together: half
   * block on calls, half wait on asynchronous ones (those run on OkHttp's dispatcher threads).
   *
   * @return how many calls ended in each outcome
   */
  private Map<String, Long> callFromAllThreads(AuthentikClient client, List<Throwable> unexpected) throws Exception {
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      boolean async = t % 2 == 1;
      int firstId = 100_000 * (t + 1);
      done.add(workers.submit(() -> {
        go.await();
        for (int id = firstId; id < firstId + CALLS_PER_THREAD; id++) {
          outcomes.computeIfAbsent(call(client, id, async, unexpected), k -> new LongAdder()).increment();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> worker : done) {
      worker.get(60, TimeUnit.SECONDS);
    }
    Map<String, Long> counts = new TreeMap<>();
    outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
    return counts;
  }

  /** One call; its outcome is "value" or the simple name of the exception it ended with. */
  private static String call(AuthentikClient client, int id, boolean async, List<Throwable> unexpected) {
    try {
      if (async) {
        client.oauth2().oauth2RefreshTokensRetrieveAsync(id).get(30, TimeUnit.SECONDS);
      } else {
        client.oauth2().oauth2RefreshTokensRetrieve(id);
      }
      return "value";
    } catch (ApiException e) {
      return e.getClass().getSimpleName();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException) {
        return e.getCause().getClass().getSimpleName();
      }
      unexpected.add(e.getCause());
      return "unexpected";
    } catch (Exception | Error e) {
      unexpected.add(e);
      return "unexpected";
    }
  }

  private static Set<Thread> okHttpThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("OkHttp"))
        .collect(Collectors.toSet());
  }

  /** The names of the threads still running after waiting at most {@code timeout} for all to end. */
  private static List<String> stillAlive(Set<Thread> threads, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left > 0) {
        thread.join(left);
      }
    }
    return threads.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList());
  }

  /**
   * Server sockets whose connections send at once. With Nagle's algorithm MockWebServer's separate
   * writes of headers and body meet the client's delayed ACK, and each exchange waits ~40 ms.
   */
  private static final class NoDelayServerSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * Answers with the fixture, except for one request in twenty of every eighty: a 503, a connection
   * dropped after the request, a 200 cut in half, a 404 (5% in all). Counts what it served.
   */
  private static final class FaultyServer extends Dispatcher {
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
    final AtomicInteger malformed = new AtomicInteger();
    final AtomicInteger notFound = new AtomicInteger();
    volatile boolean faultless;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      int n = served.getAndIncrement();
      if (!faultless) {
        switch (n % 80) {
          case 0:
            unavailable.incrementAndGet();
            return json(503, "{\"detail\": \"busy\"}");
          case 20:
            disconnected.incrementAndGet();
            return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
          case 40:
            malformed.incrementAndGet();
            return json(200, FIXTURE.substring(0, FIXTURE.length() / 2));
          case 60:
            notFound.incrementAndGet();
            return json(404, NOT_FOUND);
          default:
            break;
        }
      }
      String id = request.getUrl().pathSegments().size() > 4 ? request.getUrl().pathSegments().get(4) : "42";
      return json(200, FIXTURE.replaceFirst("\"pk\": 42", "\"pk\": " + id));
    }

    private static MockResponse json(int code, String body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
  }
}
