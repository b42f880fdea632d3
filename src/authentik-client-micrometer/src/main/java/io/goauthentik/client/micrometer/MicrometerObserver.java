package io.goauthentik.client.micrometer;

import io.goauthentik.client.CallInfo;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.CallOutcome;
import io.goauthentik.client.TransportException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * Records every call of an {@code AuthentikClient} in a Micrometer {@link MeterRegistry}:
 *
 * <ul>
 *   <li>the timer {@value #REQUESTS}: one sample per call (retries and waits included), tagged
 *       {@code operation} (the schema's operation id, such as {@code core_users_retrieve}),
 *       {@code method}, {@code status} and {@code outcome};
 *   <li>the counter {@value #RETRIES}: one per retry, tagged {@code operation}, {@code method} and
 *       {@code status} of the attempt that failed.
 * </ul>
 *
 * <p>{@code status} is the HTTP status of the last response ({@code 200}, {@code 404}), or, when
 * there was none, {@code IO_ERROR} (connection failure or timeout), {@code CANCELLED} (a future
 * cancelled by its caller) or {@code CLIENT_ERROR} (anything else thrown on the caller's side).
 * {@code outcome} follows Micrometer's HTTP client convention: {@code SUCCESS} (2xx),
 * {@code REDIRECTION}, {@code CLIENT_ERROR} (4xx), {@code SERVER_ERROR} (5xx), {@code UNKNOWN}
 * (no response, or a 2xx whose body could not be read). No tag holds an id, a query value or a
 * body: the number of series is bounded by the operations an application uses.
 *
 * <pre>{@code
 * AuthentikClient client = AuthentikClient.builder()
 *     .baseUrl(url).token(token)
 *     .observer(MicrometerObserver.create(meterRegistry))
 *     .build();
 * }</pre>
 */
public final class MicrometerObserver implements CallObserver {
  /** The name of the timer of calls. */
  public static final String REQUESTS = "authentik.client.requests";
  /** The name of the counter of retries. */
  public static final String RETRIES = "authentik.client.retries";

  private final MeterRegistry registry;

  private MicrometerObserver(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * An observer recording into {@code registry}.
   *
   * @param registry where the timer and the counter go
   * @return the observer, for {@code AuthentikClient.Builder#observer}
   */
  public static MicrometerObserver create(MeterRegistry registry) {
    return new MicrometerObserver(registry);
  }

  @Override
  public Observation onStart(CallInfo call, BiConsumer<String, String> headers) {
    return new Observation() {
      @Override
      public void onRetry(CallOutcome failedAttempt, Duration wait) {
        Counter.builder(RETRIES)
            .description("Attempts of authentik API calls that failed and were tried again")
            .tag("operation", call.operation())
            .tag("method", call.method())
            .tag("status", status(failedAttempt))
            .register(registry)
            .increment();
      }

      @Override
      public void onEnd(CallOutcome outcome) {
        Timer.builder(REQUESTS)
            .description("Calls to the authentik API, retries included")
            .tag("operation", call.operation())
            .tag("method", call.method())
            .tag("status", status(outcome))
            .tag("outcome", outcome(outcome))
            .register(registry)
            .record(outcome.duration());
      }
    };
  }

  static String status(CallOutcome outcome) {
    if (outcome.status() > 0) {
      return Integer.toString(outcome.status());
    }
    Throwable error = outcome.error();
    return error instanceof TransportException ? "IO_ERROR"
        : error instanceof CancellationException ? "CANCELLED" : "CLIENT_ERROR";
  }

  static String outcome(CallOutcome outcome) {
    int status = outcome.status();
    if (status >= 200 && status < 300) {
      return outcome.isSuccess() ? "SUCCESS" : "UNKNOWN";
    }
    return status >= 500 && status < 600 ? "SERVER_ERROR"
        : status >= 400 && status < 500 ? "CLIENT_ERROR"
        : status >= 300 && status < 400 ? "REDIRECTION"
        : status >= 100 && status < 200 ? "INFORMATIONAL"
        : "UNKNOWN";
  }

  @Override
  public String toString() {
    return "MicrometerObserver{" + registry.getClass().getSimpleName() + "}";
  }
}
