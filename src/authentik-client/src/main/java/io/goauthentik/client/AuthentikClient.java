package io.goauthentik.client;

import io.goauthentik.client.internal.ApiCaller;
import io.goauthentik.client.internal.ClientAccess;
import io.goauthentik.client.internal.HttpLogger;
import io.goauthentik.client.internal.ServerRelease;
import io.goauthentik.client.internal.Redactor;
import io.goauthentik.client.internal.RetryPolicy;
import io.goauthentik.client.internal.RetryWaits;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The entry point: a configured connection to one authentik server.
 *
 * <pre>{@code
 * AuthentikClient client = AuthentikClient.builder()
 *     .baseUrl("https://auth.example.com")
 *     .token(System.getenv("AUTHENTIK_TOKEN"))
 *     .build();
 * RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one and share it. {@link #close()} releases the connections
 * and threads it created (not those of a client passed to {@link Builder#httpClient}).
 */
public final class AuthentikClient extends AuthentikApis implements AutoCloseable {
  /** Sent as {@code User-Agent} with every request. */
  public static final String USER_AGENT = "authentik-client-java/" + version();

  private static final System.Logger LOG = System.getLogger("io.goauthentik.client");

  static {
    ClientAccess.install(client -> client.caller);
  }

  private final String baseUrl;
  private final String token;
  private final OkHttpClient injectedHttp;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxRetries;
  private final Duration retryBaseDelay;
  private final Duration retryMaxDelay;
  private final boolean httpLogging;
  private final RetryWaits retryWaits;
  private final String release;
  private final CallObserver observer;

  private final OkHttpClient http;
  private final ApiCaller caller;

  private AuthentikClient(Builder builder) {
    this.baseUrl = apiRoot(builder.baseUrl);
    this.token = checkToken(builder.token);
    this.injectedHttp = builder.httpClient;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.maxRetries = builder.maxRetries;
    this.retryBaseDelay = builder.retryBaseDelay;
    this.retryMaxDelay = builder.retryMaxDelay;
    this.httpLogging = builder.httpLogging;
    this.retryWaits = builder.retryWaits;
    this.release = builder.release;
    this.observer = builder.observer;
    // An injected client's own call timeout becomes the budget unless the builder sets one.
    this.callTimeout = builder.callTimeout != null ? builder.callTimeout
        : injectedHttp != null && injectedHttp.callTimeoutMillis() > 0
            ? Duration.ofMillis(injectedHttp.callTimeoutMillis()) : Builder.DEFAULT_CALL_TIMEOUT;
    warnIfCleartext(HttpUrl.get(baseUrl));

    Redactor redactor = new Redactor(token);
    this.http = http(redactor);
    Headers headers = new Headers.Builder()
        .add("Authorization", "Bearer " + token)
        .add("Accept", "application/json")
        .add("User-Agent", USER_AGENT)
        .build();
    this.caller = new ApiCaller(http, baseUrl, headers, new RetryPolicy(maxRetries, retryBaseDelay, retryMaxDelay),
        callTimeout, redactor, retryWaits != null ? retryWaits : new RetryWaits(), new ServerRelease(release),
        observer);
  }

  /** The OkHttp client calls go through: the injected one's pool and settings, or our own. */
  private OkHttpClient http(Redactor redactor) {
    OkHttpClient.Builder http;
    if (injectedHttp != null) {
      http = injectedHttp.newBuilder();
    } else {
      // Daemon threads: a script that forgets close() is not kept alive by idle dispatcher threads.
      http = new OkHttpClient.Builder().dispatcher(new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
          TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "OkHttp Dispatcher (authentik-client)");
            thread.setDaemon(true);
            return thread;
          })));
    }
    if (injectedHttp == null || connectTimeout != null) {
      http.connectTimeout(orDefault(connectTimeout, Builder.DEFAULT_CONNECT_TIMEOUT));
    }
    if (injectedHttp == null || readTimeout != null) {
      http.readTimeout(orDefault(readTimeout, Builder.DEFAULT_READ_TIMEOUT));
    }
    // The whole-call budget, retries included, is enforced per call by the core, not by OkHttp.
    http.callTimeout(Duration.ZERO);
    ApiCaller.applyTransportRules(http);
    if (httpLogging) {
      http.addInterceptor(new HttpLogger(redactor));
    }
    return http.build();
  }

  /**
   * A builder with the defaults listed in README.
   *
   * @return a new builder; {@code baseUrl} and {@code token} are required
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the environment: {@code AUTHENTIK_URL} (the server's URL) and
   * {@code AUTHENTIK_TOKEN} (an API token).
   *
   * @return a new client; close it when done
   * @throws IllegalArgumentException naming the variable that is missing or blank
   */
  public static AuthentikClient fromEnv() {
    return fromEnv(System::getenv);
  }

  /** {@link #fromEnv()} reading variables through {@code env}; a seam for tests. */
  static AuthentikClient fromEnv(Function<String, String> env) {
    return builder().baseUrl(requireEnv(env, "AUTHENTIK_URL", "the URL of your authentik server, e.g. https://auth.example.com"))
        .token(requireEnv(env, "AUTHENTIK_TOKEN", "an authentik API token (Directory > Tokens and App passwords)"))
        .build();
  }

  /**
   * The API root every request goes to.
   *
   * @return such as {@code https://auth.example.com/api/v3}
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The release of authentik the server runs: the one given to {@link Builder#release(String)}, or
   * asked from {@code GET /api/v3/admin/version/} the first time a call needs it (at most once per
   * client, whatever the number of threads) and kept. Calls of operations that differ between
   * releases use it: one the server's release certainly lacks throws
   * {@link UnsupportedByServerException} before anything is sent, and bodies are written in the
   * shapes that release takes.
   *
   * @return the server's release
   * @throws ApiException the exception asking failed with (such as {@link PermissionDeniedException}),
   *     each time it is called; calls of other operations go on as if the server ran the newest release
   * @throws IllegalStateException when this client is closed
   */
  public AuthentikRelease serverRelease() {
    return caller.serverRelease();
  }

  /**
   * A builder holding this client's settings, to derive a client that differs in some of them.
   * The new client owns its own connections unless an {@code httpClient} was given.
   *
   * @return a new builder; changing it does not change this client
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.baseUrl = baseUrl;
    builder.token = token;
    builder.httpClient = injectedHttp;
    builder.connectTimeout = connectTimeout;
    builder.readTimeout = readTimeout;
    builder.callTimeout = callTimeout;
    builder.maxRetries = maxRetries;
    builder.retryBaseDelay = retryBaseDelay;
    builder.retryMaxDelay = retryMaxDelay;
    builder.httpLogging = httpLogging;
    builder.retryWaits = retryWaits;
    builder.release = release;
    builder.observer = observer;
    return builder;
  }

  /**
   * Releases the connection pool and threads this client created; a client passed to
   * {@link Builder#httpClient} is left running: its owner closes it. Calls in flight are cancelled
   * and calls waiting to retry end, both with {@link TransportException}; calls made after closing
   * fail at once with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    caller.close();
    if (injectedHttp == null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** The OkHttp client calls go through, with the timeouts this client applies; for tests. */
  OkHttpClient http() {
    return http;
  }

  /** The budget of each whole call, zero for none; for tests. */
  Duration callTimeout() {
    return callTimeout;
  }

  @Override
  public String toString() {
    return "AuthentikClient{baseUrl=" + baseUrl + "}";
  }

  private static String apiRoot(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl must be set: the URL of your authentik server, e.g. https://auth.example.com");
    HttpUrl url = HttpUrl.parse(baseUrl.trim());
    if (url == null) {
      throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL, e.g. https://auth.example.com");
    }
    if (url.query() != null || url.fragment() != null || !url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException("baseUrl must not carry a query, fragment or user info: " + url.redact());
    }
    String path = url.encodedPath().replaceAll("/+$", "");
    if (!path.endsWith("/api/v3")) {
      path = path + "/api/v3";
    }
    return url.newBuilder().encodedPath(path).build().toString();
  }

  private static String checkToken(String token) {
    Objects.requireNonNull(token, "token must be set: an authentik API token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank: pass an authentik API token");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        // Never echo the token: say only where the bad character is.
        throw new IllegalArgumentException("token has a character that cannot be sent in a header (at index "
            + i + "); check for stray whitespace or quotes");
      }
    }
    return token;
  }

  private static void warnIfCleartext(HttpUrl url) {
    if (url.isHttps() || isLoopback(url.host())) {
      return;
    }
    LOG.log(Level.WARNING, "baseUrl " + url.redact() + " is plain http: the API token will travel unencrypted. Use https.");
  }

  private static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|[0-9a-fA-F]*:[0-9a-fA-F:]*")) {
      return false; // a name (even one of hex letters, like "cafe"): never resolved here
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static String requireEnv(Function<String, String> env, String name, String what) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Environment variable " + name + " is not set: set it to " + what);
    }
    return value;
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }

  private static String version() {
    try (InputStream in = AuthentikClient.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Configures an {@link AuthentikClient}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** OkHttp keeps timeouts in int milliseconds; every duration setting shares that ceiling. */
    static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

    private String baseUrl;
    private String token;
    private OkHttpClient httpClient;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private int maxRetries = 2;
    private Duration retryBaseDelay = Duration.ofMillis(500);
    private Duration retryMaxDelay = Duration.ofSeconds(10);
    private boolean httpLogging;
    private RetryWaits retryWaits;
    private String release;
    private CallObserver observer;

    private Builder() {
    }

    /**
     * The server's URL. {@code /api/v3} is appended when absent; a trailing slash is fine. Required.
     *
     * @param baseUrl such as {@code https://auth.example.com}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * The API token, sent as {@code Authorization: Bearer <token>}; never logged or printed. Required.
     *
     * @param token an authentik API token
     * @return this builder
     */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * The OkHttp client to send through. Its connection pool, dispatcher, proxy, TLS settings and
     * interceptors are kept (timeouts set on this builder override its own). The caller owns it:
     * {@link AuthentikClient#close()} does not shut it down.
     *
     * @param httpClient the client to share
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Time to open a connection. Default 10 s.
     *
     * @param timeout zero for none; at most {@code Integer.MAX_VALUE} ms (about 24 days)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkDuration(timeout, "connectTimeout");
      return this;
    }

    /**
     * Longest silence while waiting for response bytes. Default 30 s.
     *
     * @param timeout zero for none; at most {@code Integer.MAX_VALUE} ms (about 24 days)
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkDuration(timeout, "readTimeout");
      return this;
    }

    /**
     * Budget of a whole call: every attempt and every wait between them. Default 60 s (or the
     * call timeout of an injected {@link #httpClient}, when it has one).
     *
     * @param timeout zero for none; at most {@code Integer.MAX_VALUE} ms (about 24 days)
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkDuration(timeout, "callTimeout");
      return this;
    }

    /**
     * How many times a failed idempotent request is tried again (connection failures, timeouts
     * before a response, 429, 502, 503, 504). Default 2.
     *
     * @param maxRetries 0 turns retrying off
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = checkRetries(maxRetries);
      return this;
    }

    /**
     * Backoff ceiling of the first retry, doubling with each further one (full jitter). Default 500 ms.
     *
     * @param delay at most {@code Integer.MAX_VALUE} ms (about 24 days)
     * @return this builder
     */
    public Builder retryBaseDelay(Duration delay) {
      this.retryBaseDelay = checkDuration(delay, "retryBaseDelay");
      return this;
    }

    /**
     * The longest wait before a retry. A {@code Retry-After} longer than this ends the call at once
     * with {@link RateLimitException}. Default 10 s.
     *
     * @param delay at most {@code Integer.MAX_VALUE} ms (about 24 days)
     * @return this builder
     */
    public Builder retryMaxDelay(Duration delay) {
      this.retryMaxDelay = checkDuration(delay, "retryMaxDelay");
      return this;
    }

    /**
     * Logs each HTTP exchange to the {@code io.goauthentik.client.http} {@link System.Logger} (INFO:
     * method, URL, status, time; DEBUG: headers with credentials redacted). Never bodies. Default off.
     *
     * @param enabled whether to log
     * @return this builder
     */
    public Builder httpLogging(boolean enabled) {
      this.httpLogging = enabled;
      return this;
    }

    /**
     * The release of authentik the server runs, when you know it: the client never asks the server
     * ({@link AuthentikClient#serverRelease()} returns it). A release outside 2024.2 to 2026.5 logs one
     * WARNING and calls go on as if the server ran 2026.5.
     *
     * @param release such as {@code 2024.6.3}, or {@code null} to ask the server when needed (the default)
     * @return this builder
     * @throws IllegalArgumentException when {@code release} is not a release ({@code year.minor.patch})
     */
    public Builder release(String release) {
      this.release = release == null ? null : AuthentikRelease.parse(release).toString();
      return this;
    }

    /**
     * Sees every call this client makes: its operation, method and path template, its retries, its
     * status or error and its duration; for metrics and traces ({@code authentik-client-micrometer},
     * {@code authentik-client-opentelemetry}). An observer that throws never breaks a call. Default
     * none, which costs nothing.
     *
     * @param observer the observer, or null for none
     * @return this builder
     */
    public Builder observer(CallObserver observer) {
      this.observer = observer;
      return this;
    }

    /** How waits between attempts pass; a seam for tests. */
    Builder retryWaits(RetryWaits waits) {
      this.retryWaits = waits;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client; close it when done
     * @throws NullPointerException when {@code baseUrl} or {@code token} is missing
     * @throws IllegalArgumentException when a value is malformed; the message says which
     */
    public AuthentikClient build() {
      return new AuthentikClient(this);
    }

    /** Shows the base URL without user info or query, and never the token. */
    @Override
    public String toString() {
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.trim());
      String shown = baseUrl == null ? "null" : url == null ? "(not a URL)"
          : url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
      return "AuthentikClient.Builder{baseUrl=" + shown + ", token=" + (token == null ? "null" : "****") + "}";
    }

    static int checkRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
      }
      return maxRetries;
    }

    static Duration checkDuration(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      if (value.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException(name + " must be at most " + LONGEST + " (about 24 days), was " + value);
      }
      return value;
    }
  }
}
