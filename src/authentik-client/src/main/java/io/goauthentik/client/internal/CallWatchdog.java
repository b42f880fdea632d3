package io.goauthentik.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Watches a client's calls in flight, with one daemon thread that wakes every {@value #TICK_MILLIS} ms
 * while there are any, and cancels a call when
 * <ul>
 *   <li>its whole-call budget ({@code callTimeout}) runs out, queued or running: an async call still
 *       waiting for a place in OkHttp's dispatcher is failed at once, not when it finally runs;</li>
 *   <li>the thread blocked in it is interrupted: a socket read on a platform thread does not notice
 *       an interrupt by itself;</li>
 *   <li>the client is closed.</li>
 * </ul>
 * Starting and ending a call only adds it to and removes it from a concurrent set. The thread ends
 * after a second with nothing to watch and starts again with the next call; being a daemon, it
 * never keeps a JVM alive.
 */
final class CallWatchdog {
  static final long TICK_MILLIS = 10;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
  private static final int IDLE_TICKS_BEFORE_EXIT = 100;

  private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ticking = new AtomicBoolean();

  /**
   * Watches a blocking call made on the current thread.
   *
   * @param deadline a {@link System#nanoTime()} value, {@code Long.MAX_VALUE} for none
   */
  Watch watchBlocking(Call call, long deadline) {
    return add(new Watch(this, call, deadline, Thread.currentThread(), null));
  }

  /**
   * Watches an asynchronous call.
   *
   * @param deadline a {@link System#nanoTime()} value, {@code Long.MAX_VALUE} for none
   * @param onExpired run (on the watchdog's thread) when the deadline passes before the watch is closed
   */
  Watch watchAsync(Call call, long deadline, Runnable onExpired) {
    return add(new Watch(this, call, deadline, null, onExpired));
  }

  /** Cancels every call in flight: their client is closing. */
  void cancelAll() {
    for (Watch watch : inFlight) {
      watch.call.cancel();
    }
  }

  private Watch add(Watch watch) {
    inFlight.add(watch);
    if (!ticking.get() && ticking.compareAndSet(false, true)) {
      Thread thread = new Thread(this::tick, "authentik-client-watchdog");
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
          if (watch.onExpired != null) {
            watch.onExpired.run();
          }
        } else if (watch.thread != null && watch.thread.isInterrupted() && inFlight.remove(watch)) {
          watch.interrupted = true;
          watch.call.cancel();
        }
      }
    }
  }

  /** One watched call; closing it stops the watch. */
  static final class Watch implements AutoCloseable {
    private final CallWatchdog owner;
    private final Call call;
    private final long deadline;
    private final Thread thread;
    private final Runnable onExpired;
    private volatile boolean expired;
    private volatile boolean interrupted;

    private Watch(CallWatchdog owner, Call call, long deadline, Thread thread, Runnable onExpired) {
      this.owner = owner;
      this.call = call;
      this.deadline = deadline;
      this.thread = thread;
      this.onExpired = onExpired;
    }

    /** Whether the call's budget ran out, which cancelled it. */
    boolean expired() {
      return expired;
    }

    /** Whether its thread was interrupted, which cancelled it. */
    boolean interrupted() {
      return interrupted;
    }

    @Override
    public void close() {
      if (owner != null) {
        owner.inFlight.remove(this);
      }
    }
  }
}
