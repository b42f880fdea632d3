package io.goauthentik.client;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Sees every call a client makes, for metrics and traces: set one with
 * {@link AuthentikClient.Builder#observer(CallObserver)}. A call is one operation as the caller
 * sees it (one method call, one future), however many attempts its retries take.
 *
 * <p>The client tells the observer three things: a call starts ({@link #onStart}), an attempt
 * failed and another follows ({@link Observation#onRetry}), the call ended
 * ({@link Observation#onEnd}). What it tells carries no id, query value, body or token: the
 * operation, the method, the path template ({@code /core/users/{id}/}), the server, the status.
 *
 * <p>Implementations must be thread-safe and quick: they run on the calling thread and on OkHttp's
 * threads. An exception thrown by an observer never breaks the call; the client logs the first one
 * at WARNING (to the {@code io.goauthentik.client} logger) and goes on.
 */
public interface CallObserver {
  /**
   * A call starts, before its first attempt, on the thread that made it (the asynchronous
   * methods included): the context of that thread (a current span) is still in place.
   *
   * @param call what is called
   * @param headers adds a header to every attempt of this call, such as {@code traceparent};
   *     {@code Authorization} cannot be changed this way. Only valid during this method.
   * @return what to tell about this call from now on; never null
   */
  Observation onStart(CallInfo call, BiConsumer<String, String> headers);

  /** One call being observed: where its retries and its end are reported. */
  interface Observation {
    /**
     * An attempt failed and another follows after {@code wait}. Default: nothing.
     *
     * @param failedAttempt the attempt that failed: its number, status or error
     * @param wait the pause before the next attempt
     */
    default void onRetry(CallOutcome failedAttempt, Duration wait) {
    }

    /**
     * The call ended: returned, threw, timed out or was cancelled. Called once per call.
     *
     * @param outcome how it ended, after how many attempts and how long
     */
    void onEnd(CallOutcome outcome);
  }
}
