package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interrupting a thread blocked in a call ends the call at once, in every phase, with a
 * {@link TransportException} whose message says "interrupted"; the thread's interrupt flag is set
 * again, as Java code that catches an interrupt must do. Before this was fixed, an interrupt while
 * connecting threw a checked InterruptedException that the method does not declare, and the flag
 * was lost.
 */
class InterruptTest {
  private static final String FIXTURE = Fixtures.load("2026.5.6", "refresh_token.json");
  /** Generous: the call must end "at once", which here means long before any of its timeouts. */
  private static final long ENDS_WITHIN_MS = 3_000;

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.readTimeout(Duration.ofSeconds(30))
      .callTimeout(Duration.ofSeconds(60)));
  private final MockWebServer server = authentik.server();

  @Test
  void aThreadAlreadyInterruptedSendsNothing() {
    AuthentikClient client = authentik.client();
    Thread.currentThread().interrupt();
    try {
      TransportException e = assertThrows(TransportException.class,
          () -> client.oauth2().oauth2RefreshTokensRetrieve(42));

      assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
      assertEquals("GET /api/v3/oauth2/refresh_tokens/42/: interrupted while sending the request", e.getMessage());
      assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
      assertEquals(0, server.getRequestCount());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void interruptWhileConnecting() throws Exception {
    CountDownLatch connecting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // A host that swallows SYNs: connect never completes until the test releases it.
    OkHttpClient blackHole = new OkHttpClient.Builder().socketFactory(new ConnectingSockets((endpoint, timeout) -> {
      connecting.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("released by the test");
    })).build();
    try {
      AuthentikClient client = authentik.client(b -> b.httpClient(blackHole));

      Ended ended = interruptWhen(client, () -> connecting.await(5, TimeUnit.SECONDS));

      ended.assertInterrupted("sending the request");
    } finally {
      release.countDown();
      blackHole.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void interruptWhileWaitingForTheResponse() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AuthentikClient client = authentik.client();

    Ended ended = interruptWhen(client, () -> server.takeRequest(5, TimeUnit.SECONDS) != null);

    ended.assertInterrupted("sending the request");
    assertEquals(1, server.getRequestCount(), "not retried");
  }

  @Test
  void interruptWhileReadingTheBody() throws Exception {
    // The headers arrive, then the body never does.
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(FIXTURE)
        .onResponseBody(SocketEffect.Stall.INSTANCE).build());
    AuthentikClient client = authentik.client();

    Ended ended = interruptWhen(client, caller -> inFrame(caller, "ResponseReader", "take"));

    ended.assertInterrupted("reading the response body");
  }

  @Test
  void interruptWhileWaitingToRetry() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "5").build());
    HeldWaits waits = new HeldWaits();
    AuthentikClient client = authentik.client(b -> b.retryWaits(waits));

    Ended ended = interruptWhen(client, () -> waits.sleeping.await(5, TimeUnit.SECONDS));

    ended.assertInterrupted("waiting to retry");
    assertEquals(1, server.getRequestCount(), "no retry after the interrupt");
  }

  /** How a call on another thread ended after that thread was interrupted. */
  private static final class Ended {
    final Throwable failure;
    final boolean flagSet;
    final long millis;

    Ended(Throwable failure, boolean flagSet, long millis) {
      this.failure = failure;
      this.flagSet = flagSet;
      this.millis = millis;
    }

    void assertInterrupted(String during) {
      assertNotNull(failure, "the call ended without an exception");
      assertEquals(TransportException.class, failure.getClass(), String.valueOf(failure));
      assertTrue(failure.getMessage().startsWith("GET /api/v3/oauth2/refresh_tokens/42/: interrupted while " + during),
          failure.getMessage());
      assertNotNull(failure.getCause(), "the cause is kept");
      assertTrue(flagSet, "the interrupt flag is set again");
      assertTrue(millis < ENDS_WITHIN_MS, "ended " + millis + " ms after the interrupt");
    }
  }

  private interface Ready {
    boolean await() throws Exception;
  }

  /** Whether {@code thread} is inside {@code method} of a class named {@code simpleClassName}. */
  private static boolean inFrame(Thread thread, String simpleClassName, String method) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().endsWith("." + simpleClassName) && frame.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /** Like {@link #interruptWhen(AuthentikClient, Ready)}, once the calling thread itself shows it is ready. */
  private static Ended interruptWhen(AuthentikClient client, java.util.function.Predicate<Thread> ready)
      throws Exception {
    Thread[] caller = new Thread[1];
    return interruptWhen(client, () -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) { // it must get there: a bounded wait for something that happens
        Thread thread = caller[0];
        if (thread != null && ready.test(thread)) {
          return true;
        }
        Thread.onSpinWait();
      }
      return false;
    }, caller);
  }

  /** Calls on a new thread, interrupts it once {@code ready} says the call is where the test wants it. */
  private static Ended interruptWhen(AuthentikClient client, Ready ready) throws Exception {
    return interruptWhen(client, ready, new Thread[1]);
  }

  private static Ended interruptWhen(AuthentikClient client, Ready ready, Thread[] started) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.oauth2().oauth2RefreshTokensRetrieve(42);
      } catch (Throwable t) {
        failure.set(t);
      }
      flag.set(Thread.currentThread().isInterrupted());
    }, "interrupted-caller");
    started[0] = caller;
    caller.start();
    assertTrue(ready.await(), "the call did not reach the phase under test");
    long start = System.nanoTime();
    caller.interrupt();
    caller.join(10_000);
    assertFalse(caller.isAlive(), "the call is still blocked after the interrupt");
    return new Ended(failure.get(), Boolean.TRUE.equals(flag.get()), (System.nanoTime() - start) / 1_000_000);
  }
}
