package io.goauthentik.client.spring;

import io.goauthentik.client.CallInfo;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.CallOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Several observer beans as the client's one observer (metrics and traces, say). */
final class Observers implements CallObserver {
  private final List<CallObserver> observers;

  Observers(List<CallObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public Observation onStart(CallInfo call, BiConsumer<String, String> headers) {
    List<Observation> started = new ArrayList<>(observers.size());
    for (CallObserver observer : observers) {
      started.add(observer.onStart(call, headers));
    }
    return new Observation() {
      @Override
      public void onRetry(CallOutcome failedAttempt, Duration wait) {
        started.forEach(o -> o.onRetry(failedAttempt, wait));
      }

      @Override
      public void onEnd(CallOutcome outcome) {
        started.forEach(o -> o.onEnd(outcome));
      }
    };
  }
}
