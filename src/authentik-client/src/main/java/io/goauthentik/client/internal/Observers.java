package io.goauthentik.client.internal;

import io.goauthentik.client.CallInfo;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.CallOutcome;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A client's {@link CallObserver}, guarded: whatever the observer throws is caught here, so that
 * observing never changes what a call does; the first failure is logged, the rest are not.
 */
final class Observers {
  private static final System.Logger LOG = System.getLogger("io.goauthentik.client");

  private final CallObserver observer;
  private final String apiPath;
  private final AtomicBoolean warned = new AtomicBoolean();

  Observers(CallObserver observer, HttpUrl root) {
    this.observer = observer;
    this.apiPath = root.encodedPath();
  }

  /** Starts observing a call of {@code request}: the request to send (with the observer's headers). */
  Observed start(Request request) {
    long started = System.nanoTime();
    PathTemplate operation = request.tag(PathTemplate.class);
    CallInfo info = CallInfo.of(operation == null ? "unknown" : operation.operation(), request.method(),
        operation == null ? "unknown" : operation.template(), apiPath, request.url().host(), request.url().port());
    Request.Builder[] changed = new Request.Builder[1];
    CallObserver.Observation observation = null;
    try {
      observation = observer.onStart(info, (name, value) -> {
        if (!"Authorization".equalsIgnoreCase(name)) {
          if (changed[0] == null) {
            changed[0] = request.newBuilder();
          }
          changed[0].header(name, value);
        }
      });
    } catch (RuntimeException | LinkageError e) {
      warn("onStart", e);
    }
    return new Observed(observation, changed[0] == null ? request : changed[0].build(), started);
  }

  private void warn(String method, Throwable e) {
    if (warned.compareAndSet(false, true)) {
      // The class of the failure and where it was thrown, not its message: that could quote anything.
      StackTraceElement[] where = e.getStackTrace();
      LOG.log(Level.WARNING, "CallObserver " + observer.getClass().getName() + " threw " + e.getClass().getName()
          + " in " + method + (where.length > 0 ? " at " + where[0] : "")
          + "; the call went on. Later failures of this observer are not logged.");
    }
  }

  /** One observed call. */
  final class Observed {
    private final CallObserver.Observation observation;
    private final Request request;
    private final long started;
    private final AtomicBoolean ended = new AtomicBoolean();

    private Observed(CallObserver.Observation observation, Request request, long started) {
      this.observation = observation;
      this.request = request;
      this.started = started;
    }

    Request request() {
      return request;
    }

    void retry(int attempt, int status, Throwable error, long waitNanos) {
      if (observation == null) {
        return;
      }
      try {
        observation.onRetry(outcome(attempt, status, error), Duration.ofNanos(waitNanos));
      } catch (RuntimeException | LinkageError e) {
        warn("onRetry", e);
      }
    }

    /** Reports the end; only the first report of a call counts (a cancel may race the last attempt). */
    void end(int attempts, int status, Throwable error) {
      if (observation == null || !ended.compareAndSet(false, true)) {
        return;
      }
      try {
        observation.onEnd(outcome(attempts, status, error));
      } catch (RuntimeException | LinkageError e) {
        warn("onEnd", e);
      }
    }

    private CallOutcome outcome(int attempts, int status, Throwable error) {
      return CallOutcome.of(attempts, status, error, Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
