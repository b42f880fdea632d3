package io.goauthentik.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Enforces the whole-call budget ({@code callTimeout}) of the calls in flight: one daemon thread
 * wakes every {@value #TICK_MILLIS} ms and cancels the calls past their deadline, so starting and
 * ending a call only adds it to and removes it from a concurrent set.
 *
 * <p>Why not OkHttp's own call timeout: it arms an okio {@code AsyncTimeout} per call, and putting a
 * call at the head of its queue wakes the watchdog thread every time; on the hot path that cost a
 * third of a retrieve's client-side time (see the JMH suite in src/jmh). A deadline here fires up to
 * one tick late, which a budget measured in seconds does not notice. The thread ends after a second
 * with nothing to watch (so also after the client is closed) and starts again with the next call.
 */
final class CallDeadlines {
  static final long TICK_MILLIS = 10;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
  private static final int IDLE_TICKS_BEFORE_EXIT = 100;

  private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ticking = new AtomicBoolean();

  /**
   * Cancels {@code call} at {@code deadline} (a {@link System#nanoTime()} value) unless the returned
   * watch is closed first. {@code Long.MAX_VALUE} means no deadline: nothing is watched.
   */
  Watch watch(Call call, long deadline) {
    if (deadline == Long.MAX_VALUE) {
      return Watch.NONE;
    }
    Watch watch = new Watch(this, call, deadline);
    inFlight.add(watch);
    if (!ticking.get() && ticking.compareAndSet(false, true)) {
      Thread thread = new Thread(this::tick, "authentik-client-deadlines");
      thread.setDaemon(true);
      thread.start();
    }
    return watch;
  }

  private void tick() {
    int idleTicks = 0;
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      if (inFlight.isEmpty()) {
        if (++idleTicks < IDLE_TICKS_BEFORE_EXIT) {
          continue;
        }
        ticking.set(false);
        // A call added just before ticking went false saw this thread alive: keep going for it,
        // unless a new thread has already taken over.
        if (inFlight.isEmpty() || !ticking.compareAndSet(false, true)) {
          return;
        }
      }
      idleTicks = 0;
      long now = System.nanoTime();
      for (Watch watch : inFlight) {
        if (now - watch.deadline >= 0 && inFlight.remove(watch)) {
          watch.expired = true;
          watch.call.cancel();
        }
      }
    }
  }

  /** One watched call; closing it stops the watch. */
  static final class Watch implements AutoCloseable {
    static final Watch NONE = new Watch(null, null, Long.MAX_VALUE);

    private final CallDeadlines owner;
    private final Call call;
    private final long deadline;
    private volatile boolean expired;

    private Watch(CallDeadlines owner, Call call, long deadline) {
      this.owner = owner;
      this.call = call;
      this.deadline = deadline;
    }

    /**
     * What a failure of the watched call means: when the deadline cancelled it, the same
     * {@code InterruptedIOException("timeout")} that OkHttp's own call timeout throws.
     */
    IOException explain(IOException e) {
      if (!expired) {
        return e;
      }
      InterruptedIOException timeout = new InterruptedIOException("timeout");
      timeout.initCause(e);
      return timeout;
    }

    @Override
    public void close() {
      if (owner != null) {
        owner.inFlight.remove(this);
      }
    }
  }
}
