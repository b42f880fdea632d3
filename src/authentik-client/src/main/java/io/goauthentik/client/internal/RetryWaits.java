package io.goauthentik.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The waits between attempts: a blocking call sleeps, an asynchronous one schedules its next
 * attempt. Closing the client ends every sleep at once. Tests replace it to see each wait and skip
 * it.
 */
public class RetryWaits {
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * Blocks the calling thread.
   *
   * @param nanos how long
   * @return {@code false} when the client was closed meanwhile (or before)
   * @throws InterruptedException when the thread is interrupted
   */
  public boolean sleep(long nanos) throws InterruptedException {
    return !closed.await(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code task} after {@code nanos}, on a shared daemon thread of the JDK's.
   *
   * @param nanos how long to wait first
   * @param task the next attempt
   */
  public void schedule(long nanos, Runnable task) {
    CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(task);
  }

  /** Ends the sleeps in progress and every later one: the client is closing. */
  void close() {
    closed.countDown();
  }
}
