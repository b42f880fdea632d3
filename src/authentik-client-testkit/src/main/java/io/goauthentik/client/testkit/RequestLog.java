package io.goauthentik.client.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The requests the fake received, in order of arrival. Thread-safe. */
final class RequestLog {
  private final List<ReceivedRequest> requests = new ArrayList<>();

  synchronized void add(ReceivedRequest request) {
    requests.add(request);
    notifyAll();
  }

  synchronized List<ReceivedRequest> all() {
    return List.copyOf(requests);
  }

  synchronized void clear() {
    requests.clear();
  }

  /** Every request, once at least {@code count} arrived; AssertionError when they do not within the timeout. */
  synchronized List<ReceivedRequest> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + count + " requests within " + timeout + ", received "
            + requests.size() + ": " + requests);
      }
      long millis = Math.max(1, left / 1_000_000);
      wait(millis);
    }
    return List.copyOf(requests);
  }
}
