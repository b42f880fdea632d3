package io.goauthentik.client.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthentikRelease;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.model.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * The release of a client's server: given to the builder, or asked from {@code GET /admin/version/}
 * when a call first needs it, at most once per client whatever the number of threads, and kept. When
 * asking fails, or the release is outside the sampled ones, calls go on as if the server ran the
 * newest release, after one WARNING. Once known, a call pays one volatile read.
 */
public final class ServerRelease {
  private static final System.Logger LOG = System.getLogger("io.goauthentik.client");
  /** The sampled releases' lines: 2024.2 to 2026.5 (openapi.yaml's first line names them). */
  static final AuthentikRelease OLDEST = AuthentikRelease.parse("2024.2.0");
  static final AuthentikRelease NEWEST = AuthentikRelease.parse("2026.5.0");
  private static final String RANGE = "2024.2 to 2026.5";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** What is known, once it is; {@code null} before. */
  private volatile Known known;
  private final AtomicReference<CompletableFuture<Known>> asking = new AtomicReference<>();

  /** @param pinned the release the builder was given, or {@code null} to ask the server when needed */
  public ServerRelease(String pinned) {
    if (pinned != null) {
      known = Known.of(AuthentikRelease.parse(pinned));
    }
  }

  /** The release and what calls assume, or why it is not known. */
  static final class Known {
    /** As the server said (or the builder was told); {@code null} when asking failed. */
    final AuthentikRelease release;
    /** What calls are checked against; {@code null}: the newest release. */
    final AuthentikRelease effective;
    /** Why asking failed, or {@code null}. */
    final ApiException failure;

    private Known(AuthentikRelease release, AuthentikRelease effective, ApiException failure) {
      this.release = release;
      this.effective = effective;
      this.failure = failure;
    }

    static Known of(AuthentikRelease release) {
      boolean supported = release.compareTo(OLDEST) >= 0 && !NEWEST.isBeforeLineOf(release);
      if (!supported) {
        LOG.log(Level.WARNING, "The server runs authentik " + release + ", outside the releases this SDK knows ("
            + RANGE + "): calls are sent as to the newest of them");
      }
      return new Known(release, supported ? release : null, null);
    }

    static Known failed(ApiException failure) {
      LOG.log(Level.WARNING, "Could not ask the server's release (" + failure.getMessage() + "): calls are sent as to "
          + "the newest release this SDK knows (" + RANGE + ")");
      return new Known(null, null, failure);
    }
  }

  /** The server's release, asked now if needed; the failure to ask, thrown. */
  AuthentikRelease get(ApiCaller caller) {
    Known k = known;
    if (k == null) {
      try {
        k = ask(caller).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw caller.transport.interrupted(versionRequest(caller), e, 0, "waiting for the server's release");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e); // ask() completes normally only
      }
    }
    if (k.failure != null) {
      throw k.failure;
    }
    return k.release;
  }

  /**
   * The request, ready to send to a server of the known release (asked now, within {@code deadline},
   * if needed): unchanged, or with its body in the release's shapes, or tagged for a 404's message.
   *
   * @throws io.goauthentik.client.UnsupportedByServerException when the release certainly lacks the operation
   */
  Request prepare(ApiCaller caller, Operation op, Request request, long deadline) {
    Known k = known;
    if (k == null) {
      try {
        k = ask(caller).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return request; // not known in this call's budget: sent as to the newest release
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw caller.transport.interrupted(request, e, 0, "waiting for the server's release");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e); // ask() completes normally only
      }
    }
    return prepare(op, request, k);
  }

  /** Like {@link #prepare(ApiCaller, Operation, Request, long)}, without blocking. */
  CompletableFuture<Request> prepareAsync(ApiCaller caller, Operation op, Request request) {
    Known k = known;
    if (k != null) {
      try {
        return CompletableFuture.completedFuture(prepare(op, request, k));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return ask(caller).thenApply(asked -> prepare(op, request, asked));
  }

  private static Request prepare(Operation op, Request request, Known k) {
    AuthentikRelease release = k.effective;
    if (release == null) {
      return request;
    }
    if (op.certainlyLacks(release)) {
      throw op.unsupported(release);
    }
    Request out = request;
    for (WriteShape shape : op.shapes()) {
      if (shape.appliesTo(release)) {
        out = rewrite(op, out, release);
        break;
      }
    }
    if (op.mayLack(release)) {
      out = out.newBuilder().tag(Doubt.class, new Doubt(op.mayNotExist(release))).build();
    }
    return out;
  }

  private static Request rewrite(Operation op, Request request, AuthentikRelease release) {
    RequestBody body = request.body();
    if (body == null || !JSON.equals(body.contentType())) {
      return request;
    }
    Buffer bytes = new Buffer();
    try {
      body.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a body the SDK wrote into memory
    }
    if (bytes.size() == 0) {
      return request;
    }
    JsonObject json = JsonParser.parseString(bytes.readUtf8()).getAsJsonObject();
    for (WriteShape shape : op.shapes()) {
      if (shape.appliesTo(release)) {
        shape.rewrite(json, release);
      }
    }
    return request.newBuilder().method(request.method(),
        RequestBody.create(json.toString().getBytes(StandardCharsets.UTF_8), JSON)).build();
  }

  /** Asks once: every caller gets the one future, which completes normally with what was learnt. */
  private CompletableFuture<Known> ask(ApiCaller caller) {
    CompletableFuture<Known> running = asking.get();
    if (running != null) {
      return running;
    }
    CompletableFuture<Known> mine = new CompletableFuture<>();
    if (!asking.compareAndSet(null, mine)) {
      return asking.get();
    }
    CompletableFuture<Version> version;
    try {
      // No Operation tag: this request is sent as it is, and never asks again.
      version = caller.executeAsync(versionRequest(caller), Decoder.json("Version", Version::fromJson));
    } catch (RuntimeException e) {
      version = CompletableFuture.failedFuture(e);
    }
    version.whenComplete((v, e) -> {
      Known k;
      if (e == null) {
        k = parse(v);
      } else {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        k = Known.failed(cause instanceof ApiException ? (ApiException) cause
            : new ApiException("GET /api/v3/admin/version/: " + cause.getClass().getSimpleName(), 0, Map.of(), null, cause));
      }
      known = k;
      mine.complete(k);
    });
    return mine;
  }

  private static Known parse(Version v) {
    String text = v.getVersionCurrent();
    try {
      return Known.of(AuthentikRelease.parse(text == null ? "" : text));
    } catch (IllegalArgumentException e) {
      return Known.failed(new MalformedResponseException("GET /api/v3/admin/version/: version_current is "
          + (text == null ? "missing" : "not a release"), 200, Map.of()));
    }
  }

  private static Request versionRequest(ApiCaller caller) {
    return caller.newRequest("GET", "/admin/version/");
  }

  /** Tags a request whose operation the server's release may lack: what its 404 then says. */
  static final class Doubt {
    final String text;

    Doubt(String text) {
      this.text = text;
    }
  }
}
