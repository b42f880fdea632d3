package io.goauthentik.client.testkit;

import com.sun.net.httpserver.HttpServer;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.TokenKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake authentik with state, on a free loopback port, for tests and demos: it answers the twelve
 * OAuth2 token operations (list, retrieve, destroy and used_by of refresh tokens, access tokens
 * and authorization codes) as authentik 2026.5.6 does, over the users, providers and grants you
 * add. A DELETE really deletes, so later pages shift exactly as on a real server.
 *
 * <pre>{@code
 * try (FakeAuthentik fake = FakeAuthentik.start();
 *     AuthentikClient client = fake.clientBuilder().build()) {
 *   int jdoe = fake.addUser("jdoe");
 *   int grafana = fake.addProvider("Grafana");
 *   int id = fake.addRefreshToken(jdoe, grafana);
 *   RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(id);
 * }
 * }</pre>
 *
 * <p>What it serves, under {@code /api/v3/oauth2/} ({@code refresh_tokens}, {@code access_tokens},
 * {@code authorization_codes}):
 * <ul>
 *   <li>list ({@code GET .../}): the filters {@code user} and {@code provider}, {@code ordering}
 *       ({@code pk}, {@code provider}, {@code user}, {@code expires}, and {@code revoked} for tokens;
 *       {@code -} for descending; default provider, then expires), page-number paging ({@code page}
 *       from 1, {@code page_size} default 100 and no maximum, as authentik), 404 {@code Invalid page.}
 *       past the last page. {@code search} is accepted and filters nothing: authentik's token lists
 *       declare no search fields either;
 *   <li>retrieve ({@code GET .../{id}/}), destroy ({@code DELETE .../{id}/}, 204) and used_by
 *       ({@code GET .../{id}/used_by/}, always {@code []}): 404
 *       {@code {"detail": "No RefreshToken matches the given query."}} (AccessToken,
 *       AuthorizationCode) for an id that does not exist;
 *   <li>403 {@code {"detail": "Token invalid/expired"}} for a wrong API token and
 *       {@code "Authentication credentials were not provided."} for none; with
 *       {@link #readOnlyToken()}, 403 {@code "You do not have permission to perform this action."}
 *       on DELETE.
 * </ul>
 *
 * <p>Users and providers are never removed; each table numbers its rows from 1, as authentik's
 * database does, so a refresh token and an access token may share an id. Thread-safe: seed it and
 * call it from any thread. {@link #close()} stops the server.
 */
public final class FakeAuthentik implements AutoCloseable {
  private static final AtomicInteger SERVERS = new AtomicInteger();

  static {
    // The JDK's HTTP server writes a response's headers and body separately; with Nagle's
    // algorithm on, the body then waits for the client's delayed ACK, about 40 ms per response.
    // The server reads this property once, when the first one in the JVM starts, and it applies to
    // every JDK HTTP server of the JVM: it only makes them answer sooner.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String token;
  private final String readOnlyToken;
  private final FakeState state;
  private final Router router;
  private final HttpServer server;
  private final ExecutorService threads;
  private final String url;

  private FakeAuthentik(String token) {
    this.token = Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    this.readOnlyToken = "ak-fake-read-only-" + UUID.randomUUID().toString().replace("-", "");
    this.state = new FakeState(Clock.systemUTC());
    int number = SERVERS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    // Many threads, not the HTTP server's default one: concurrent requests must really overlap.
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread t = new Thread(runnable, "FakeAuthentik-" + number + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
      String host = loopback instanceof Inet6Address ? "[" + loopback.getHostAddress() + "]" : loopback.getHostAddress();
      this.url = "http://" + host + ":" + server.getAddress().getPort();
    } catch (IOException e) {
      threads.shutdownNow();
      throw new UncheckedIOException("could not open a loopback port for FakeAuthentik", e);
    }
    this.router = new Router(state, new JsonRenderer(url), token, readOnlyToken);
    server.createContext("/", router);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * Starts a fake with no users, providers or grants, and an API token of its own.
   *
   * @return the running fake; close it when done
   */
  public static FakeAuthentik start() {
    return new FakeAuthentik("ak-fake-" + UUID.randomUUID().toString().replace("-", ""));
  }

  /**
   * Starts a fake that accepts {@code token} as its API token.
   *
   * @param token the API token clients must send as {@code Authorization: Bearer <token>}
   * @return the running fake; close it when done
   */
  public static FakeAuthentik start(String token) {
    return new FakeAuthentik(token);
  }

  /**
   * The server's URL, to pass to {@link AuthentikClient.Builder#baseUrl}.
   *
   * @return such as {@code http://127.0.0.1:41234} (the client appends {@code /api/v3})
   */
  public String url() {
    return url;
  }

  /**
   * The API token the fake accepts with every permission.
   *
   * @return the token
   */
  public String token() {
    return token;
  }

  /**
   * A second API token that may list and retrieve but not delete: its DELETEs get 403, as a
   * token of a user with view permission only does on authentik.
   *
   * @return the token
   */
  public String readOnlyToken() {
    return readOnlyToken;
  }

  /**
   * A client builder pointed at this fake with {@link #token()}; set more and {@code build()}.
   *
   * @return a new builder
   */
  public AuthentikClient.Builder clientBuilder() {
    return AuthentikClient.builder().baseUrl(url).token(token);
  }

  /**
   * Adds an active, internal, non-superuser user: name the username, email
   * {@code <username>@example.com} (or the username itself when it has an {@code @}), no groups
   * or roles, joined 90 days ago, last login an hour ago.
   *
   * @param username unique, 1 to 150 characters
   * @return the user's pk
   * @throws IllegalArgumentException when the username is blank, too long or taken
   */
  public int addUser(String username) {
    return state.addUser(username);
  }

  /**
   * Adds an OAuth2 provider assigned to an application of the same name (slug in lower case, such
   * as {@code grafana}), with authentik's default flows and scope mappings and its own client_id.
   *
   * @param name unique, such as {@code Grafana}
   * @return the provider's pk
   * @throws IllegalArgumentException when the name is blank or taken
   */
  public int addProvider(String name) {
    return state.addProvider(name);
  }

  /**
   * Adds a refresh token of {@code user} at {@code provider}, issued now and expiring in 30 days,
   * scope {@code openid profile email offline_access}, not revoked, with an id_token.
   *
   * @param user a pk from {@link #addUser}
   * @param provider a pk from {@link #addProvider}
   * @return the token's pk
   * @throws IllegalArgumentException when the user or the provider does not exist
   */
  public int addRefreshToken(int user, int provider) {
    return state.addGrant(GrantType.REFRESH_TOKEN, user, provider);
  }

  /**
   * Adds an access token of {@code user} at {@code provider}, issued now and expiring in an
   * hour, with the refresh token's scope and an id_token.
   *
   * @param user a pk from {@link #addUser}
   * @param provider a pk from {@link #addProvider}
   * @return the token's pk
   * @throws IllegalArgumentException when the user or the provider does not exist
   */
  public int addAccessToken(int user, int provider) {
    return state.addGrant(GrantType.ACCESS_TOKEN, user, provider);
  }

  /**
   * Adds an authorization code of {@code user} at {@code provider}, issued now and expiring in a
   * minute, not yet exchanged.
   *
   * @param user a pk from {@link #addUser}
   * @param provider a pk from {@link #addProvider}
   * @return the code's pk
   * @throws IllegalArgumentException when the user or the provider does not exist
   */
  public int addAuthorizationCode(int user, int provider) {
    return state.addGrant(GrantType.AUTHORIZATION_CODE, user, provider);
  }

  /**
   * Deletes a grant behind the clients' backs, as another administrator or authentik's cleanup of
   * expired grants would: later requests for it get 404.
   *
   * @param kind which table
   * @param pk the grant's pk
   * @return whether it existed
   */
  public boolean remove(TokenKind kind, int pk) {
    return state.remove(GrantType.of(Objects.requireNonNull(kind, "kind")), pk);
  }

  /**
   * Runs {@code hook} on the server's thread for every DELETE of a grant with a valid API token,
   * before the fake answers it (while it counts as in flight, see {@link #maxConcurrentDeletes()}).
   * A hook that waits holds the request: tests use it to make deletes overlap. Replaces the
   * hook set before.
   *
   * @param hook what to run; {@code (kind, pk) -> { }} for nothing
   * @return this fake
   */
  public FakeAuthentik onDelete(DeleteHook hook) {
    router.deleteHook(Objects.requireNonNull(hook, "hook"));
    return this;
  }

  /**
   * The most DELETEs of grants (with a valid API token) this fake has had in flight at once since
   * it started: from when a request arrived to when its answer was decided.
   *
   * @return the highest count seen, 0 before any DELETE
   */
  public int maxConcurrentDeletes() {
    return router.maxDeletesInFlight();
  }

  /** Stops the server at once, breaking requests in flight and held by a hook. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** Shows the URL, never the tokens. */
  @Override
  public String toString() {
    return "FakeAuthentik{url=" + url + "}";
  }

  /** What {@link #onDelete} runs before the fake answers a DELETE. */
  @FunctionalInterface
  public interface DeleteHook {
    /**
     * Called on the server's thread for one DELETE; the request waits until it returns.
     *
     * @param kind which kind of grant the request deletes
     * @param pk the id in the request (it may not exist)
     * @throws InterruptedException when the wait is interrupted; the fake then answers as usual
     */
    void beforeDelete(TokenKind kind, int pk) throws InterruptedException;
  }
}
