package io.goauthentik.client.internal;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * One call: its attempts, the waits between them, and its outcome. A blocking and an asynchronous
 * call differ only in how an attempt is sent ({@code execute} or {@code enqueue}) and how a wait
 * passes (sleeping or scheduling); what an attempt came to, and whether another follows, is
 * decided in one place for both: {@link #settle(Response, CallWatchdog.Watch)} and
 * {@link #settle(Exception, CallWatchdog.Watch)}.
 *
 * <p>Not thread-safe on its own, and need not be: one attempt runs at a time.
 */
final class Exchange<T> implements Callback {
  private static final String SENDING = "sending the request";
  private static final String READING = "reading the response body";

  private final ApiCaller caller;
  private final Request request;
  private final Decoder<T> decoder;
  private final long deadline;
  /** Null without an observer. */
  private final Observers.Observed observed;

  private int attempt;
  private int status; // of the current attempt's response, 0 for none yet
  private T value;
  private ApiException failure;

  // Asynchronous calls only.
  private CompletableFuture<T> future;
  private volatile Call inFlight;
  private volatile CallWatchdog.Watch watch;

  /** @param decoder decodes a 2xx body; {@code null} for an operation without one */
  Exchange(ApiCaller caller, Request request, Decoder<T> decoder, long deadline) {
    this.caller = caller;
    this.observed = caller.observers == null ? null : caller.observers.start(request);
    this.request = observed == null ? request : observed.request();
    this.decoder = decoder;
    this.deadline = deadline;
  }

  /** Runs the call on this thread: the value, or the final exception. */
  T execute() {
    if (observed == null) {
      return run();
    }
    T result;
    try {
      result = run();
    } catch (RuntimeException | Error e) {
      observed.end(attempt, status, e);
      throw e;
    }
    observed.end(attempt, status, null);
    return result;
  }

  private T run() {
    while (true) {
      long wait = attemptBlocking();
      if (wait < 0) {
        if (failure != null) {
          throw failure;
        }
        return value;
      }
      if (observed != null) {
        observed.retry(attempt, status, failure, wait);
      }
      try {
        if (!caller.waits.sleep(wait)) {
          throw caller.transport.closed(request, failure, attempt, "waiting to retry");
        }
      } catch (InterruptedException e) {
        throw caller.transport.interrupted(request, e, attempt, "waiting to retry");
      }
    }
  }

  /** Starts the call without blocking; cancelling the future cancels the HTTP call. */
  CompletableFuture<T> start() {
    future = new CompletableFuture<>();
    if (observed != null) { // a future cancelled by its caller ends the call too
      future.whenComplete((v, e) -> observed.end(attempt, status, e));
    }
    future.whenComplete((v, e) -> {
      Call call = inFlight;
      if (future.isCancelled() && call != null) {
        call.cancel();
      }
    });
    attemptAsync();
    return future;
  }

  private long attemptBlocking() {
    attempt++;
    status = 0;
    if (Thread.currentThread().isInterrupted()) {
      failure = caller.transport.interrupted(request, new InterruptedException(), attempt, SENDING);
      return -1;
    }
    Call call = caller.newCall(request);
    try (CallWatchdog.Watch watch = caller.watchdog.watchBlocking(call, deadline)) {
      if (caller.isClosed()) { // closed since the call began
        failure = caller.transport.closed(request, failure, attempt - 1, attempt == 1 ? SENDING : "waiting to retry");
        return -1;
      }
      try (Response response = call.execute()) {
        return settle(response, watch);
      } catch (Exception e) { // IOException, and the InterruptedException OkHttp may throw without declaring it
        return settle(e, watch);
      }
    }
  }

  private void attemptAsync() {
    attempt++;
    status = 0;
    if (caller.isClosed()) {
      failure = caller.transport.closed(request, failure, attempt - 1, "waiting to retry");
      finish(null, failure);
      return;
    }
    Call call = caller.newCall(request);
    inFlight = call;
    if (!future.isDone()) { // cancelled while waiting to retry: send nothing
      watch = caller.watchdog.watchAsync(call, deadline, this::expire);
      call.enqueue(this);
    }
  }

  @Override
  public void onResponse(Call call, Response response) {
    long wait;
    try (response) {
      wait = settle(response, watch);
    }
    // Only now, with the response closed and its connection released, wake whoever waits: they
    // may close the client at once.
    next(wait);
  }

  @Override
  public void onFailure(Call call, IOException e) {
    next(settle(e, watch));
  }

  private void next(long wait) {
    if (future.isDone()) {
      return;
    }
    if (wait >= 0) {
      if (observed != null) {
        observed.retry(attempt, status, failure, wait);
      }
      caller.waits.schedule(wait, this::attemptAsync);
    } else {
      finish(value, failure);
    }
  }

  /** Ends an asynchronous call; its observer hears of it before the future's dependents do. */
  private void finish(T value, Throwable failure) {
    if (observed != null) {
      observed.end(attempt, status, failure);
    }
    if (failure != null) {
      future.completeExceptionally(failure);
    } else {
      future.complete(value);
    }
  }

  /** The budget ran out while the asynchronous call was queued or running: it ends now. */
  private void expire() {
    finish(null, caller.transport.of(request, new InterruptedIOException("timeout"), attempt, SENDING, true));
  }

  /** An attempt got a response: the value, or the failure and the wait before the next attempt (-1: none). */
  private long settle(Response response, CallWatchdog.Watch watch) {
    status = response.code();
    try {
      if (!response.isSuccessful()) {
        return failed(caller.errors.fromResponse(request, response, attempt), RetryPolicy.retryAfter(response.headers()));
      }
      Buffer body;
      try {
        body = caller.responses.take(request, response, attempt); // still watched: the budget covers the body
      } catch (IOException e) {
        return failed(e, watch, READING, false); // lost mid-body: the request did reach the server
      }
      if (decoder == null) {
        // Nothing to return, but the answer must still be the API's: a login or maintenance page
        // served with 200 means the operation did not happen.
        caller.responses.decode(body, Decoder.NOTHING, request, response, attempt);
        return end(null, null);
      }
      return end(caller.responses.decode(body, decoder, request, response, attempt), null);
    } catch (ApiException e) { // a malformed body
      return end(null, e);
    } finally {
      watch.close();
    }
  }

  /** An attempt got no usable response. */
  private long settle(Exception e, CallWatchdog.Watch watch) {
    watch.close();
    if (e instanceof InterruptedException) { // thrown by OkHttp while connecting, undeclared
      return end(null, caller.transport.interrupted(request, e, attempt, SENDING));
    }
    if (e instanceof RuntimeException) {
      throw (RuntimeException) e; // a bug in an interceptor of the caller's: theirs to see
    }
    if (e instanceof HeldResponse) {
      HeldResponse held = (HeldResponse) e;
      status = held.code();
      return failed(caller.errors.fromParts(request, held.code(), held.headers(), held.body(), attempt),
          RetryPolicy.retryAfter(held.headers()));
    }
    return failed((IOException) e, watch, SENDING, true);
  }

  private long failed(IOException e, CallWatchdog.Watch watch, String during, boolean mayRetry) {
    if (watch.interrupted() || future == null && Thread.currentThread().isInterrupted()) {
      return end(null, caller.transport.interrupted(request, e, attempt, during));
    }
    if (caller.isClosed()) {
      return end(null, caller.transport.closed(request, e, attempt, during));
    }
    TransportException failure = caller.transport.of(request, e, attempt, during, watch.expired());
    return mayRetry ? failed(failure, null) : end(null, failure);
  }

  private long failed(ApiException failure, Duration retryAfter) {
    long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    end(null, failure);
    return caller.retry.delayNanos(request.method(), attempt, failure, retryAfter, remaining);
  }

  private long end(T value, ApiException failure) {
    this.value = value;
    this.failure = failure;
    return -1;
  }
}
