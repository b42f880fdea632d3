package io.goauthentik.client;

import io.goauthentik.client.internal.RetryWaits;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Waits between attempts that a test controls: a blocking call's sleep signals {@link #sleeping}
 * and then waits for real (so closing the client or interrupting the thread ends it); an
 * asynchronous call's next attempt is held until the test runs it ({@link #nextAttempt}).
 */
final class HeldWaits extends RetryWaits {
  /** Counted down when a blocking call starts to sleep. */
  final CountDownLatch sleeping = new CountDownLatch(1);
  private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

  @Override
  public boolean sleep(long nanos) throws InterruptedException {
    sleeping.countDown();
    return super.sleep(nanos);
  }

  @Override
  public void schedule(long nanos, Runnable task) {
    held.add(task);
  }

  /**
   * The next attempt an asynchronous call scheduled, waiting up to 10 s for it to be scheduled;
   * run it to end the pause.
   */
  Runnable nextAttempt() throws InterruptedException {
    Runnable task = held.poll(10, TimeUnit.SECONDS);
    if (task == null) {
      throw new AssertionError("no attempt was scheduled");
    }
    return task;
  }
}
