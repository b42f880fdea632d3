package io.goauthentik.client.testkit;

import com.sun.net.httpserver.HttpServer;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.model.UsedByActionEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake authentik with state, on a free loopback port, for tests and demos: it answers every
 * operation of the release you choose, from that release's own schema. Resources with list,
 * create, retrieve, update, partial update and destroy keep what is created (paged, filtered by
 * the query parameters that name a field, {@code search}, {@code ordering}); a body the release
 * rejects is a 400 with field errors, an unknown id a 404; {@code core/users/me}, group membership,
 * {@code set_password}, {@code view_key} and {@code admin/version} behave as authentik's do; every
 * other operation answers an example of its response schema. The twelve OAuth2 token operations
 * (list, retrieve, destroy and used_by of refresh tokens, access tokens and authorization codes)
 * answer as authentik does over the users, providers and grants you add; and it misbehaves when
 * you ask it to.
 *
 * <pre>{@code
 * try (FakeAuthentik fake = FakeAuthentik.start();
 *     AuthentikClient client = fake.clientBuilder().build()) {
 *   int jdoe = fake.addUser("jdoe");
 *   int grafana = fake.addProvider("Grafana");
 *   int id = fake.newRefreshToken(jdoe, grafana).revoked(true).add();
 *   fake.inject(Fault.tooManyRequests(Duration.ZERO));  // the next request gets a 429
 *   RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(id);  // retried, then read
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
 *       ({@code GET .../{id}/used_by/}, {@code []} unless you {@link #addUsedBy}): 404
 *       {@code {"detail": "No RefreshToken matches the given query."}} (AccessToken,
 *       AuthorizationCode) for an id that does not exist;
 *   <li>look-ups, read-only: a user ({@code GET /api/v3/core/users/{pk}/}), users by exact
 *       {@code username} ({@code GET /api/v3/core/users/}) and OAuth2 providers by exact
 *       {@code name} ({@code GET /api/v3/providers/oauth2/}), every match on one page;
 *   <li>403 {@code {"detail": "Token invalid/expired"}} for a wrong API token and
 *       {@code "Authentication credentials were not provided."} for none; with
 *       {@link #readOnlyToken()}, 403 {@code "You do not have permission to perform this action."}
 *       on DELETE.
 * </ul>
 *
 * <p>Releases: {@link #start()} speaks the newest one the kit knows; {@code builder().release("2024.6.3")}
 * an older one (see {@link #releases()}): the properties that release sends, {@code redirect_uris}
 * as one string up to 2024.8, the generic provider from 2025.12, no {@code autocomplete} before 2025.6.
 *
 * <p>Users and providers are never removed; each table numbers its rows from 1, as authentik's
 * database does, so a refresh token and an access token may share an id. Every request is recorded
 * ({@link #requests()}), credentials redacted. Thread-safe: seed it and call it from any thread.
 * {@link #close()} stops the server.
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

  private final Release release;
  private final String token;
  private final String readOnlyToken;
  private final FakeState state;
  private final Resources resources;
  private final Router router;
  private final FaultPlan faults = new FaultPlan();
  private final RequestLog log = new RequestLog();
  private final HttpServer server;
  private final ExecutorService threads;
  private final String url;

  private FakeAuthentik(Builder builder) {
    this.release = builder.release;
    this.token = builder.token != null ? builder.token : "ak-fake-" + UUID.randomUUID().toString().replace("-", "");
    this.readOnlyToken = "ak-fake-read-only-" + UUID.randomUUID().toString().replace("-", "");
    this.state = new FakeState(builder.clock);
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
    JsonRenderer renderer = new JsonRenderer(release, url);
    this.resources = new Resources(Contract.of(release.name), new java.util.Random(202605061L), state::now);
    state.attach(resources, renderer);
    this.router = new Router(state, resources, renderer, token, readOnlyToken);
    server.createContext("/", new Frontend(router, faults, log));
    server.setExecutor(threads);
    server.start();
  }

  /**
   * Starts a fake of the newest release, with no users, providers or grants, and an API token of its own.
   *
   * @return the running fake; close it when done
   */
  public static FakeAuthentik start() {
    return builder().start();
  }

  /**
   * Starts a fake of the newest release that accepts {@code token} as its API token.
   *
   * @param token the API token clients must send as {@code Authorization: Bearer <token>}
   * @return the running fake; close it when done
   * @throws IllegalArgumentException when the token is blank
   */
  public static FakeAuthentik start(String token) {
    return builder().token(token).start();
  }

  /**
   * Settings for a fake: its release, its API token, its clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The authentik releases the fake can speak, oldest first; the last is the default.
   *
   * @return such as {@code 2024.2.2}, ..., {@code 2026.5.6}
   */
  public static List<String> releases() {
    return Release.NAMES;
  }

  /**
   * The release whose shapes this fake sends.
   *
   * @return such as {@code 2026.5.6}
   */
  public String release() {
    return release.name;
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
   * Adds a user with the defaults of {@link UserSeed}: active, internal, email {@code <username>@example.com}.
   *
   * @param username unique, 1 to 150 characters
   * @return the user's pk
   * @throws IllegalArgumentException when the username is blank, too long or taken
   */
  public int addUser(String username) {
    return newUser(username).add();
  }

  /**
   * A user to add, with the defaults of {@link UserSeed}; set what you need, then {@link UserSeed#add()}.
   *
   * @param username unique, 1 to 150 characters
   * @return the seed
   */
  public UserSeed newUser(String username) {
    return new UserSeed(state, username);
  }

  /**
   * Adds an OAuth2 provider with the defaults of {@link ProviderSeed}: assigned to an application of
   * the same name, with authentik's default flows and scope mappings and its own client_id.
   *
   * @param name unique, such as {@code Grafana}
   * @return the provider's pk
   * @throws IllegalArgumentException when the name is blank or taken
   */
  public int addProvider(String name) {
    return newProvider(name).add();
  }

  /**
   * An OAuth2 provider to add, with the defaults of {@link ProviderSeed}; set what you need, then
   * {@link ProviderSeed#add()}.
   *
   * @param name unique, such as {@code Grafana}
   * @return the seed
   */
  public ProviderSeed newProvider(String name) {
    return new ProviderSeed(state, name);
  }

  /**
   * Adds any object of the release's API without calling it, as a JSON document in the shape the
   * release's retrieve answers: what it leaves out is filled as a create through the API would
   * (its pk, read-only fields, defaults), read-only properties you set are kept.
   *
   * <pre>{@code
   * String slug = fake.seed("/flows/instances/", "{\"slug\": \"offboarding\", \"designation\": \"invalidation\"}");
   * }</pre>
   *
   * @param collection the list path below {@code /api/v3}, such as {@code /core/groups/} or {@code /stages/dummy/}
   * @param json the object, such as {@code {"name": "admins"}}
   * @return the value its item path takes: its pk, or its slug or identifier where the path says so
   * @throws IllegalArgumentException when this release has no such list, or the JSON is not an object
   */
  public String seed(String collection, String json) {
    Resources.Table table = resources.table(Objects.requireNonNull(collection, "collection"));
    if (table == null) {
      throw new IllegalArgumentException("authentik " + release + " lists nothing at " + collection
          + "; give the list path below /api/v3, such as /core/groups/");
    }
    com.google.gson.JsonElement parsed = com.google.gson.JsonParser.parseString(Objects.requireNonNull(json, "json"));
    if (!parsed.isJsonObject()) {
      throw new IllegalArgumentException("a seed is a JSON object, was " + parsed);
    }
    com.google.gson.JsonObject object = parsed.getAsJsonObject();
    if (object.has("pk") && object.get("pk").isJsonPrimitive() && object.get("pk").getAsJsonPrimitive().isNumber()) {
      resources.reservePk(collection, object.get("pk").getAsInt());
    }
    com.google.gson.JsonObject stored = resources.put(table, object);
    return stored.get(table.lookup).getAsString();
  }

  /**
   * Adds a group ({@code /core/groups/}), with the given members; a shortcut for
   * {@code newGroup(name).users(users).add()}.
   *
   * @param name unique, such as {@code admins}
   * @param users pks of users to put in it
   * @return the group's pk, a UUID
   * @throws IllegalArgumentException when the name is blank or taken
   */
  public String addGroup(String name, int... users) {
    return newGroup(name).users(users).add();
  }

  /**
   * A group to add ({@code /core/groups/}), with the defaults of {@link GroupSeed}; set what you
   * need, then {@link GroupSeed#add()}.
   *
   * @param name unique, such as {@code admins}
   * @return the seed
   */
  public GroupSeed newGroup(String name) {
    return new GroupSeed(this, name);
  }

  /**
   * Adds an application ({@code /core/applications/}) without a provider; a shortcut for
   * {@code newApplication(name).slug(slug).add()}.
   *
   * @param name such as {@code Grafana}
   * @param slug unique, such as {@code grafana}
   * @return the slug
   * @throws IllegalArgumentException when the slug is not a valid slug or taken
   */
  public String addApplication(String name, String slug) {
    return newApplication(name).slug(slug).add();
  }

  /**
   * An application to add ({@code /core/applications/}), with the defaults of
   * {@link ApplicationSeed}; set what you need, then {@link ApplicationSeed#add()}.
   *
   * @param name such as {@code Grafana}
   * @return the seed
   */
  public ApplicationSeed newApplication(String name) {
    return new ApplicationSeed(this, name);
  }

  /**
   * Adds a flow ({@code /flows/instances/}), its name and title the slug; a shortcut for
   * {@code newFlow(slug).designation(designation).add()}.
   *
   * @param slug unique, such as {@code default-authentication-flow}
   * @param designation such as {@code authentication}, {@code authorization} or {@code invalidation}
   * @return the slug
   * @throws IllegalArgumentException when the release has no such designation, or the slug is taken
   */
  public String addFlow(String slug, String designation) {
    return newFlow(slug).designation(designation).add();
  }

  /**
   * A flow to add ({@code /flows/instances/}), with the defaults of {@link FlowSeed}; set what you
   * need, then {@link FlowSeed#add()}.
   *
   * @param slug unique, such as {@code my-flow}
   * @return the seed
   */
  public FlowSeed newFlow(String slug) {
    return new FlowSeed(this, slug);
  }

  /**
   * Adds an API token ({@code /core/tokens/}) of a user; {@code view_key} reveals {@code key}. A
   * shortcut for {@code newToken(identifier).user(user).key(key).add()}.
   *
   * @param identifier unique, such as {@code ci-deploy}
   * @param user the owner's pk
   * @param key the token's secret
   * @return the identifier
   * @throws IllegalArgumentException when there is no such user, or the identifier is taken
   */
  public String addToken(String identifier, int user, String key) {
    return newToken(identifier).user(user).key(key).add();
  }

  /**
   * A token to add ({@code /core/tokens/}), with the defaults of {@link TokenSeed}; set its owner
   * and what else you need, then {@link TokenSeed#add()}.
   *
   * @param identifier unique, such as {@code ci}
   * @return the seed
   */
  public TokenSeed newToken(String identifier) {
    return new TokenSeed(this, identifier);
  }

  /**
   * Adds what a typed seed built to the list at {@code collection}, checked as a create through the
   * API would be.
   *
   * @return the value its item path takes (pk, slug or identifier)
   * @throws IllegalArgumentException with authentik's field errors when a create would fail
   */
  String add(String collection, com.google.gson.JsonObject object) {
    Resources.Table table = resources.table(collection);
    try {
      return resources.add(table, object).get(table.lookup).getAsString();
    } catch (HttpError e) {
      throw new IllegalArgumentException("authentik " + release + " would not create this at " + collection + ": " + e.body);
    }
  }

  /** Whether this release's objects at {@code collection} have the property. */
  boolean has(String collection, String property) {
    return resources.schemas().properties(resources.table(collection).schema).has(property);
  }

  /** Whether the list at {@code collection} holds an object with this pk (or slug, identifier). */
  boolean exists(String collection, String key) {
    return resources.contains(collection, key);
  }

  /** Now on the fake's clock, to the microsecond. */
  java.time.Instant now() {
    return state.now();
  }

  /**
   * Makes {@code user} the owner of {@link #token()}: {@code core/users/me} answers it. By default
   * the owner is the first superuser, else the first user.
   *
   * @param user a user's pk
   * @return this fake
   */
  public FakeAuthentik tokenUser(int user) {
    resources.tokenUser(user);
    return this;
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
    return newRefreshToken(user, provider).add();
  }

  /**
   * A refresh token of {@code user} at {@code provider} to add: set its expiry, scope or revoked
   * flag, then {@link GrantSeed#add()}.
   *
   * @param user a pk from {@link #addUser}
   * @param provider a pk from {@link #addProvider}
   * @return the seed
   */
  public GrantSeed newRefreshToken(int user, int provider) {
    return new GrantSeed(state, GrantType.REFRESH_TOKEN, user, provider);
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
    return newAccessToken(user, provider).add();
  }

  /**
   * An access token of {@code user} at {@code provider} to add: set its expiry, scope or revoked
   * flag, then {@link GrantSeed#add()}.
   *
   * @param user a pk from {@link #addUser}
   * @param provider a pk from {@link #addProvider}
   * @return the seed
   */
  public GrantSeed newAccessToken(int user, int provider) {
    return new GrantSeed(state, GrantType.ACCESS_TOKEN, user, provider);
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
    return newAuthorizationCode(user, provider).add();
  }

  /**
   * An authorization code of {@code user} at {@code provider} to add: set its expiry or scope, then
   * {@link GrantSeed#add()}.
   *
   * @param user a pk from {@link #addUser}
   * @param provider a pk from {@link #addProvider}
   * @return the seed
   */
  public GrantSeed newAuthorizationCode(int user, int provider) {
    return new GrantSeed(state, GrantType.AUTHORIZATION_CODE, user, provider);
  }

  /**
   * Adds an entry to what the grant's used_by operation answers (what deleting it would affect;
   * nothing by default, as on a real server). Deleting the grant removes its entries.
   *
   * @param kind which table
   * @param pk the grant's pk
   * @param entry such as {@code TestModels.usedBy().action(UsedByActionEnum.CASCADE)}
   * @throws IllegalArgumentException when there is no such grant, or the entry's action does not
   *     exist in this fake's release ({@code left_dangling} came with 2025.12)
   */
  public void addUsedBy(TokenKind kind, int pk, UsedByBuilder entry) {
    String action = entry.actionValue();
    if (!release.usedByActions().contains(action)) {
      throw new IllegalArgumentException("authentik " + release + " has no used_by action \"" + action + "\", only "
          + release.usedByActions() + (UsedByActionEnum.LEFT_DANGLING.getValue().equals(action)
              ? " (left_dangling came with 2025.12)" : "")
          + "; Fault.unknownFieldsAndValues() sends values no release has");
    }
    if (!state.addUsedBy(GrantType.of(Objects.requireNonNull(kind, "kind")), pk, entry.json())) {
      throw new IllegalArgumentException("no " + GrantType.of(kind).model + " with pk " + pk);
    }
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
   * Makes the fake misbehave: the next request (or the next few, or those of one method and path,
   * as the fault says) gets the fault instead of, or on top of, the usual answer. Faults apply in
   * the order injected.
   *
   * @param fault such as {@code Fault.tooManyRequests(Duration.ZERO).times(2)}
   * @return this fake
   */
  public FakeAuthentik inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Drops every injected fault not used up yet; the fake answers as usual again. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * The requests received so far, in order of arrival, credentials redacted.
   *
   * @return an immutable snapshot
   */
  public List<ReceivedRequest> requests() {
    return log.all();
  }

  /**
   * Waits until at least {@code count} requests have arrived (for calls made on other threads).
   *
   * @param count how many
   * @param timeout how long at most
   * @return every request received by then, in order of arrival
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws AssertionError when fewer arrive within the timeout; its message lists them
   */
  public List<ReceivedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
    return log.await(count, Objects.requireNonNull(timeout, "timeout"));
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

  /** What serves the release's operations: for the kit's own tests. */
  Resources resources() {
    return resources;
  }

  /** Stops the server at once, breaking requests in flight, held by a hook or delayed by a fault. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** Shows the release and the URL, never the tokens. */
  @Override
  public String toString() {
    return "FakeAuthentik{release=" + release + ", url=" + url + "}";
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

  /**
   * Settings for a {@link FakeAuthentik}, then {@link #start()}. Not thread-safe.
   *
   * <pre>{@code
   * FakeAuthentik fake = FakeAuthentik.builder().release("2024.6.3").start();
   * }</pre>
   */
  public static final class Builder {
    private Release release = Release.LATEST;
    private String token;
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /**
     * The authentik release whose shapes the fake sends; the newest of {@link #releases()} by default.
     *
     * @param release exactly one of {@link #releases()}, such as {@code 2024.6.3}
     * @return this builder
     * @throws IllegalArgumentException for a release the kit does not know; the message lists those it does
     */
    public Builder release(String release) {
      this.release = Release.of(Objects.requireNonNull(release, "release"));
      return this;
    }

    /**
     * The API token the fake accepts; a random one by default.
     *
     * @param token what clients must send as {@code Authorization: Bearer <token>}
     * @return this builder
     * @throws IllegalArgumentException when the token is blank
     */
    public Builder token(String token) {
      if (Objects.requireNonNull(token, "token").isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.token = token;
      return this;
    }

    /**
     * The clock the fake reads when it seeds (issue times, default expiries) and when it answers
     * ({@code is_expired}); the system's by default. A fixed or hand-moved clock makes expiry testable.
     *
     * @param clock such as {@code Clock.fixed(...)}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Starts the fake on a free loopback port.
     *
     * @return the running fake; close it when done
     * @throws java.io.UncheckedIOException when no loopback port can be opened
     */
    public FakeAuthentik start() {
      return new FakeAuthentik(this);
    }

    /** Shows the release, never the token. */
    @Override
    public String toString() {
      return "FakeAuthentik.Builder{release=" + release + "}";
    }
  }
}
