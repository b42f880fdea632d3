package io.goauthentik.client;

import io.goauthentik.client.internal.RetryWaits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Waits between attempts that pass at once and remember how long each would have been, so a test
 * can assert the exact wait without spending it. Asynchronous calls go on at once on a new thread.
 */
final class RecordedWaits extends RetryWaits {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public boolean sleep(long nanos) {
    waits.add(Duration.ofNanos(nanos));
    return true;
  }

  @Override
  public void schedule(long nanos, Runnable task) {
    waits.add(Duration.ofNanos(nanos));
    new Thread(task, "recorded-wait").start();
  }

  /** Every wait so far, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
