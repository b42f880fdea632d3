package io.goauthentik.client;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.Objects;

/** How a call, or one failed attempt of it, came out, as a {@link CallObserver} sees it. */
public final class CallOutcome {
  private final int attempts;
  private final int status;
  private final Throwable error;
  private final Duration duration;

  private CallOutcome(int attempts, int status, Throwable error, Duration duration) {
    this.attempts = attempts;
    this.status = status;
    this.error = error;
    this.duration = Objects.requireNonNull(duration, "duration");
  }

  /**
   * An outcome, as the client reports it; for tests of observers.
   *
   * @param attempts attempts made, from 1 (0 when the call ended before sending)
   * @param status the HTTP status of the last response, 0 when the last attempt got none
   * @param error what the call throws, or null when it succeeded
   * @param duration time since the call started
   * @return the outcome
   */
  public static CallOutcome of(int attempts, int status, @Nullable Throwable error, Duration duration) {
    return new CallOutcome(attempts, status, error, duration);
  }

  /**
   * How many attempts were sent.
   *
   * @return from 1; 0 when the call ended before its first attempt
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The HTTP status of the last attempt's response.
   *
   * @return such as 200 or 404; 0 when the last attempt got no response (connection failure,
   *     timeout, cancellation)
   */
  public int status() {
    return status;
  }

  /**
   * What the call throws (or the failed attempt would have thrown): an {@link ApiException}
   * subclass as README's table lists, a {@link java.util.concurrent.CancellationException} for a
   * cancelled future, or whatever an interceptor of the caller's threw.
   *
   * @return the error, or null when the call succeeded
   */
  @Nullable
  public Throwable error() {
    return error;
  }

  /**
   * Whether the call returned a value.
   *
   * @return true when there is no {@link #error()}
   */
  public boolean isSuccess() {
    return error == null;
  }

  /**
   * Time from the call's start to this outcome, waits between attempts included.
   *
   * @return the duration
   */
  public Duration duration() {
    return duration;
  }

  @Override
  public String toString() {
    return "CallOutcome{attempts=" + attempts + ", status=" + status + ", error="
        + (error == null ? "none" : error.getClass().getSimpleName()) + ", duration=" + duration + "}";
  }
}
