package io.goauthentik.client.internal;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.goauthentik.client.ApiException;
import io.goauthentik.client.TransportException;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the requests the generated API builds: one attempt after another until a value, a final
 * exception, or the end of the call's time budget. Holds nothing per call; safe to share.
 */
public final class ApiCaller {
  private static final Duration LONGEST_NANOS = Duration.ofNanos(Long.MAX_VALUE);

  private final OkHttpClient http;
  private final HttpUrl root;
  private final Headers headers;
  private final RetryPolicy retry;
  private final long callTimeoutNanos;
  private final Gson gson;
  private final ErrorMapper errors;
  private final CallDeadlines deadlines = new CallDeadlines();
  private volatile boolean closed;

  /**
   * @param http the client every call goes through
   * @param baseUrl the API root, ending in {@code /api/v3} without a slash
   * @param headers sent with every request (authorization, accept, user agent)
   * @param retry when and how long to wait before another attempt
   * @param callTimeout the budget of a whole call, retries and waits included; zero for none
   * @param gson decodes bodies
   */
  public ApiCaller(OkHttpClient http, String baseUrl, Headers headers, RetryPolicy retry, Duration callTimeout,
      Gson gson) {
    this.http = http;
    this.root = HttpUrl.get(baseUrl);
    this.headers = headers;
    this.retry = retry;
    this.callTimeoutNanos = callTimeout.toNanos();
    this.gson = gson;
    this.errors = new ErrorMapper(gson);
  }

  /** A decoder for one response type; the generated API asks for each once. */
  public <T> ResponseReader<T> reader(TypeToken<T> type) {
    return new ResponseReader<>(gson.getAdapter(type), simpleName(type));
  }

  /** Fails fast, before any request, on a missing required parameter. */
  public static void requireParam(Object value, String name) {
    Objects.requireNonNull(value, () -> "Parameter '" + name + "' is required and must not be null");
  }

  /**
   * Builds a request to the API.
   *
   * @param method the HTTP method
   * @param path the expanded path below {@code /api/v3}, starting with {@code /}
   * @param query query parameter names and values, alternating; null values are left out and
   *     iterable values repeat the parameter
   */
  public Request newRequest(String method, String path, Object... query) {
    // Appending to the root parsed once skips parsing and canonicalizing the host on every call.
    HttpUrl.Builder url = root.newBuilder().addEncodedPathSegments(path.substring(1));
    for (int i = 0; i + 1 < query.length; i += 2) {
      Object value = query[i + 1];
      Iterable<?> values = value instanceof Iterable ? (Iterable<?>) value : java.util.Collections.singleton(value);
      for (Object v : values) {
        if (v != null) {
          url.addQueryParameter((String) query[i], String.valueOf(v));
        }
      }
    }
    return new Request.Builder().url(url.build()).headers(headers).method(method, null).build();
  }

  /** From now on every call fails at once: the client that owns this caller was closed. */
  public void close() {
    closed = true;
  }

  /** Sends the request, retrying as the policy allows, and decodes the response. */
  public <T> T execute(Request request, ResponseReader<T> reader) {
    checkOpen();
    long deadline = deadline();
    for (int attempt = 1; ; attempt++) {
      Call call = http.newCall(request);
      ApiException failure;
      long retryAfter = -1;
      try (CallDeadlines.Watch watch = deadlines.watch(call, deadline)) {
        try (Response response = call.execute()) {
          if (response.isSuccessful()) {
            return reader != null ? reader.read(request, response, attempt, watch) : null;
          }
          failure = errors.fromResponse(request, response, attempt);
          retryAfter = retryAfterNanos(response);
        } catch (IOException e) {
          failure = ErrorMapper.transport(request, watch.explain(e), attempt, "sending the request");
        }
      }
      long delay = retryDelay(request, failure, attempt, retryAfter, deadline);
      if (delay < 0) {
        throw failure;
      }
      sleep(request, delay, attempt);
    }
  }

  /** Like {@link #execute}, without blocking a thread; cancelling the future cancels the call. */
  public <T> CompletableFuture<T> executeAsync(Request request, ResponseReader<T> reader) {
    checkOpen();
    return new AsyncExchange<>(request, reader, deadline()).start();
  }

  private void checkOpen() {
    // A closed client's OkHttp client may still send (an injected one always can): refuse instead.
    if (closed) {
      throw new IllegalStateException("This AuthentikClient is closed; build a new one");
    }
  }

  private long deadline() {
    return callTimeoutNanos > 0 ? System.nanoTime() + callTimeoutNanos : Long.MAX_VALUE;
  }

  private long retryDelay(Request request, ApiException failure, int attempt, long retryAfterNanos, long deadline) {
    // A ProtocolException means the server did answer, with garbage or a redirect loop: it would again.
    if (!RetryPolicy.isIdempotent(request.method()) || failure.getCause() instanceof ProtocolException) {
      return -1;
    }
    long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    return retry.delayNanos(attempt, failure.getCode(), retryAfterNanos, remaining);
  }

  private static long retryAfterNanos(Response response) {
    Duration wait = ErrorMapper.retryAfter(response);
    if (wait == null) {
      return -1;
    }
    // Centuries do not fit in nanoseconds (toNanos() would throw); any such wait is too long anyway.
    return wait.compareTo(LONGEST_NANOS) < 0 ? wait.toNanos() : Long.MAX_VALUE;
  }

  private static void sleep(Request request, long nanos, int attempt) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(ErrorMapper.prefix(request) + "interrupted while waiting to retry"
          + ErrorMapper.attempts(attempt), e);
    }
  }

  private static String simpleName(TypeToken<?> type) {
    String name = type.getType().getTypeName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** One asynchronous call: its attempts, its future, and the HTTP call in flight. */
  private final class AsyncExchange<T> implements Callback {
    private final Request request;
    private final ResponseReader<T> reader;
    private final long deadline;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private volatile Call inFlight;
    private volatile CallDeadlines.Watch watch = CallDeadlines.Watch.NONE;
    private int attempt; // only touched by one attempt at a time

    AsyncExchange(Request request, ResponseReader<T> reader, long deadline) {
      this.request = request;
      this.reader = reader;
      this.deadline = deadline;
      future.whenComplete((value, error) -> {
        Call call = inFlight;
        if (future.isCancelled() && call != null) {
          call.cancel();
        }
      });
    }

    CompletableFuture<T> start() {
      attempt++;
      Call call = http.newCall(request);
      inFlight = call;
      if (!future.isDone()) { // cancelled while waiting to retry: send nothing
        watch = deadlines.watch(call, deadline);
        call.enqueue(this);
      }
      return future;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      watch.close();
      retryOrFail(ErrorMapper.transport(request, watch.explain(e), attempt, "sending the request"), -1);
    }

    @Override
    public void onResponse(Call call, Response response) {
      T value = null;
      ApiException failure = null;
      long retryAfter = -1;
      try (CallDeadlines.Watch watch = this.watch; response) {
        if (response.isSuccessful()) {
          value = reader != null ? reader.read(request, response, attempt, watch) : null;
        } else {
          failure = errors.fromResponse(request, response, attempt);
          retryAfter = retryAfterNanos(response);
        }
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
        return;
      }
      // Only now, with the response closed and its connection released, wake whoever waits: they
      // may close the client at once.
      if (failure == null) {
        future.complete(value);
      } else {
        retryOrFail(failure, retryAfter);
      }
    }

    private void retryOrFail(ApiException failure, long retryAfterNanos) {
      long delay = retryDelay(request, failure, attempt, retryAfterNanos, deadline);
      if (delay < 0 || future.isDone()) {
        future.completeExceptionally(failure);
      } else {
        CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(this::start);
      }
    }
  }
}
