package io.goauthentik.client.internal;

import com.google.gson.stream.JsonWriter;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.RequestOptions;
import io.goauthentik.client.model.RequestModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * What the generated API classes call: {@link #newRequest} builds a request, {@link #execute} and
 * {@link #executeAsync} run it as an {@link Exchange} (attempts, retries, decoding). Immutable and
 * shared by every call of a client; {@link #close} ends them all.
 */
public final class ApiCaller {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final RequestBody EMPTY = RequestBody.create(new byte[0]);

  final OkHttpClient http;
  /** The same client, except that OkHttp never re-sends a request whose connection failed. */
  private final OkHttpClient writes;
  final RetryPolicy retry;
  final CallWatchdog watchdog;
  final RetryWaits waits;
  final ErrorMapper errors;
  final TransportFailures transport;
  final ResponseReader responses;
  /** The client's observer, guarded; null when it has none (then observing costs one null check). */
  final Observers observers;
  private final HttpUrl root;
  private final Headers headers;
  private final long callTimeoutNanos;
  private final AtomicBoolean closed;
  /** The server's release, shared by every caller of the client. */
  final ServerRelease release;

  /**
   * @param http the client every call goes through
   * @param baseUrl the API root, ending in {@code /api/v3} without a slash
   * @param headers sent with every request (authorization, accept, user agent)
   * @param retry when and how long to wait before another attempt
   * @param callTimeout the budget of a whole call, retries and waits included; zero for none
   * @param redactor masks the API token in what calls report
   * @param waits how waits between attempts pass
   */
  public ApiCaller(OkHttpClient http, String baseUrl, Headers headers, RetryPolicy retry, Duration callTimeout,
      Redactor redactor, RetryWaits waits) {
    this(http, baseUrl, headers, retry, callTimeout, redactor, waits, new ServerRelease(null), null);
  }

  /**
   * Like the other constructor, with the server's release and an observer.
   *
   * @param release the server's release, pinned or asked when a call first needs it
   * @param observer sees every call; null for none
   */
  public ApiCaller(OkHttpClient http, String baseUrl, Headers headers, RetryPolicy retry, Duration callTimeout,
      Redactor redactor, RetryWaits waits, ServerRelease release, CallObserver observer) {
    this.release = release;
    this.http = http;
    // Same pool and dispatcher. After a failure OkHttp may re-send a request it already wrote; for
    // anything but a read, only the SDK's retry rule may do that.
    this.writes = http.newBuilder().retryOnConnectionFailure(false).build();
    this.root = HttpUrl.get(baseUrl);
    this.headers = headers;
    this.retry = retry;
    this.callTimeoutNanos = callTimeout.toNanos();
    this.waits = waits;
    this.watchdog = new CallWatchdog();
    this.errors = new ErrorMapper(redactor);
    this.transport = new TransportFailures(redactor);
    this.responses = new ResponseReader(redactor);
    this.closed = new AtomicBoolean();
    this.observers = observer == null ? null : new Observers(observer, root);
  }

  /** A caller of the same client (connections, watchdog, open or closed) with other call settings. */
  private ApiCaller(ApiCaller base, Headers headers, RetryPolicy retry, long callTimeoutNanos) {
    this.http = base.http;
    this.writes = base.writes;
    this.root = base.root;
    this.headers = headers;
    this.retry = retry;
    this.callTimeoutNanos = callTimeoutNanos;
    this.waits = base.waits;
    this.watchdog = base.watchdog;
    this.errors = base.errors;
    this.transport = base.transport;
    this.responses = base.responses;
    this.observers = base.observers;
    this.closed = base.closed;
    this.release = base.release;
  }

  /**
   * This caller with the settings {@code options} sets in place of its own.
   *
   * @param options per-call settings
   * @return a caller sharing this one's client
   */
  public ApiCaller withOptions(RequestOptions options) {
    Headers.Builder extra = headers.newBuilder();
    options.headers().forEach(extra::set);
    RetryPolicy policy = options.maxRetries().isPresent() ? retry.withMaxRetries(options.maxRetries().getAsInt()) : retry;
    return new ApiCaller(this, extra.build(), options.retryNonIdempotent() ? policy.withEveryMethodRetried() : policy,
        options.callTimeout().map(Duration::toNanos).orElse(callTimeoutNanos));
  }

  /**
   * The same request for another page of a paginated list.
   *
   * @param page the page number, from 1
   */
  static Request forPage(Request request, int page) {
    return request.newBuilder().url(request.url().newBuilder().setQueryParameter("page", Integer.toString(page)).build())
        .build();
  }

  /**
   * Makes OkHttp send only what the SDK decides: redirects are followed by the SDK (GET and HEAD,
   * same origin only), and the responses OkHttp would answer by itself (408, 503, a 407 from the
   * server) reach the SDK's retry rule untouched. Every client's OkHttp client gets this.
   *
   * @param http the builder of the OkHttp client calls go through
   */
  public static void applyTransportRules(OkHttpClient.Builder http) {
    http.followRedirects(false).followSslRedirects(false);
    http.addInterceptor(SameOriginRedirects.INSTANCE);
    http.addNetworkInterceptor(HeldResponse.INTERCEPTOR);
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
    return newRequest(method, path, null, query);
  }

  /**
   * Builds a request of an operation whose presence or body differs between releases: the call checks
   * it against the server's release before sending.
   *
   * @param op the operation's release table, or {@code null} when it is the same in every release
   */
  public Request newRequest(PathTemplate operation, Operation op, String method, String path, Object... query) {
    return tagged(op, newRequest(operation, method, path, null, query));
  }

  /** Like {@link #newRequest(PathTemplate, Operation, String, String, Object...)}, with a body. */
  public Request newRequest(PathTemplate operation, Operation op, String method, String path, RequestBody body,
      Object... query) {
    return tagged(op, newRequest(operation, method, path, body, query));
  }

  private static Request tagged(Operation op, Request request) {
    return Operation.needsRelease(op) ? request.newBuilder().tag(Operation.class, op).build() : request;
  }

  /**
   * The server's release: known, or asked now.
   *
   * @return the release
   * @throws io.goauthentik.client.ApiException when asking failed
   */
  public io.goauthentik.client.AuthentikRelease serverRelease() {
    checkOpen();
    return release.get(this);
  }

  /**
   * Builds a request to the API with a body.
   *
   * @param method the HTTP method
   * @param path the expanded path below {@code /api/v3}, starting with {@code /}
   * @param body the body ({@link #json}, {@link #multipart}), or {@code null} for none
   * @param query query parameter names and values, as {@link #newRequest(String, String, Object...)} takes them
   */
  public Request newRequest(String method, String path, RequestBody body, Object... query) {
    return newRequest(null, method, path, body, query);
  }

  /**
   * Builds the request of an operation, as {@link #newRequest(String, String, Object...)} does.
   *
   * @param operation the operation's path template, which names it to the client's observer
   */
  public Request newRequest(PathTemplate operation, String method, String path, Object... query) {
    return newRequest(operation, method, path, null, query);
  }

  /**
   * Builds the request of an operation, as {@link #newRequest(String, String, RequestBody, Object...)} does.
   *
   * @param operation the operation's path template, which names it to the client's observer; may be null
   */
  public Request newRequest(PathTemplate operation, String method, String path, RequestBody body, Object... query) {
    // Appending to the root parsed once skips parsing and canonicalizing the host on every call.
    HttpUrl.Builder url = root.newBuilder().addEncodedPathSegments(path.substring(1));
    for (int i = 0; i + 1 < query.length; i += 2) {
      Object value = query[i + 1];
      for (Object v : value instanceof Iterable ? (Iterable<?>) value : Collections.singleton(value)) {
        if (v != null) {
          url.addQueryParameter((String) query[i], WireText.of(v));
        }
      }
    }
    if (body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      body = EMPTY; // an action without a body (cache_clear, export, ...); HTTP wants one all the same
    }
    Request.Builder request = new Request.Builder().url(url.build()).headers(headers).method(method, body);
    if (observers != null && operation != null) { // only an observer reads the tag: no cost without one
      request.tag(PathTemplate.class, operation);
    }
    return request.build();
  }

  /**
   * A request model as a JSON body, written now: the same bytes go out again if the request is retried.
   *
   * @throws IllegalArgumentException when the model holds a value that cannot be sent (an enum's UNKNOWN)
   */
  public static RequestBody json(RequestModel body) {
    Buffer buffer = new Buffer();
    try (JsonWriter out = new JsonWriter(new OutputStreamWriter(buffer.outputStream(), StandardCharsets.UTF_8))) {
      out.setSerializeNulls(true); // a property set to null is sent as null
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Buffer does not fail
    }
    return RequestBody.create(buffer.readByteString(), JSON);
  }

  /**
   * A {@code multipart/form-data} body (file uploads).
   *
   * @param parts field names and values, alternating; a {@link Path} is sent as a file with its name,
   *     anything else as text; null values are left out
   */
  public static RequestBody multipart(Object... parts) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    boolean empty = true;
    for (int i = 0; i + 1 < parts.length; i += 2) {
      String name = (String) parts[i];
      Object value = parts[i + 1];
      if (value instanceof Path) {
        Path file = (Path) value;
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException(name + " must be a readable file: " + file);
        }
        form.addFormDataPart(name, String.valueOf(file.getFileName()), RequestBody.create(file.toFile(), OCTET_STREAM));
      } else if (value != null) {
        form.addFormDataPart(name, WireText.of(value));
      }
      empty = empty && value == null;
    }
    if (empty) {
      throw new IllegalArgumentException("A form needs at least one field: set the file or another field");
    }
    return form.build();
  }

  /**
   * Sends the request, retrying as the policy allows, and decodes the response.
   *
   * @param decoder decodes a 2xx body; {@code null} when the operation returns nothing
   */
  public <T> T execute(Request request, Decoder<T> decoder) {
    checkOpen();
    long deadline = deadline();
    Operation op = request.tag(Operation.class);
    if (op != null) {
      request = release.prepare(this, op, request, deadline);
    }
    return new Exchange<>(this, request, decoder, deadline).execute();
  }

  /** Like {@link #execute}, without blocking a thread; cancelling the future cancels the call. */
  public <T> CompletableFuture<T> executeAsync(Request request, Decoder<T> decoder) {
    checkOpen();
    long deadline = deadline();
    Operation op = request.tag(Operation.class);
    if (op == null) {
      return new Exchange<>(this, request, decoder, deadline).start();
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    release.prepareAsync(this, op, request).whenComplete((prepared, e) -> {
      if (e != null) {
        out.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause() : e);
        return;
      }
      if (out.isDone()) {
        return; // cancelled while the release was asked
      }
      CompletableFuture<T> call = new Exchange<>(this, prepared, decoder, deadline).start();
      out.whenComplete((v, f) -> {
        if (out.isCancelled()) {
          call.cancel(true);
        }
      });
      call.whenComplete((v, f) -> {
        if (f != null) {
          out.completeExceptionally(f);
        } else {
          out.complete(v);
        }
      });
    });
    return out;
  }

  /**
   * From now on every call fails at once; calls in flight are cancelled and calls waiting to retry
   * end, each with a {@code TransportException} that says the client was closed.
   */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      waits.close();
      watchdog.cancelAll();
    }
  }

  /** A new OkHttp call for one attempt of {@code request}. */
  okhttp3.Call newCall(Request request) {
    String method = request.method();
    return (method.equals("GET") || method.equals("HEAD") ? http : writes).newCall(request);
  }

  boolean isClosed() {
    return closed.get();
  }

  private void checkOpen() {
    // A closed client's OkHttp client may still send (an injected one always can): refuse instead.
    if (closed.get()) {
      throw new IllegalStateException("This AuthentikClient is closed; build a new one");
    }
  }

  private long deadline() {
    return callTimeoutNanos > 0 ? System.nanoTime() + callTimeoutNanos : Long.MAX_VALUE;
  }
}
