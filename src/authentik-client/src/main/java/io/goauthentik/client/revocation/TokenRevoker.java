package io.goauthentik.client.revocation;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.RequestOptions;
import io.goauthentik.client.ServerException;
import io.goauthentik.client.TransportException;
import io.goauthentik.client.api.Oauth2Api;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Revokes every OAuth2 refresh token, access token and authorization code of one user, optionally
 * of one provider only: for offboarding, and for incidents (a stolen laptop, a compromised
 * account).
 *
 * <pre>{@code
 * RevocationResult result = TokenRevoker.builder(client).user(17).build().revoke();
 * System.out.println(result.revoked(TokenKind.REFRESH_TOKEN).size() + " refresh tokens revoked");
 * }</pre>
 *
 * <p>How it works, in rounds (at most {@link Builder#maxRounds}, default 3). A round first
 * <em>collects</em>: it walks the filtered list of each kind to its end with
 * {@code iterateAll()}, collecting ids and deleting nothing. Then it <em>deletes</em> what it
 * collected, authorization codes first (they can still be exchanged for tokens), then refresh
 * tokens (they mint access tokens), then access tokens, with at most {@link Builder#concurrency}
 * DELETE requests in flight. Then the next round lists again, to catch what appeared meanwhile (a
 * login that was finishing, a refresh in progress); the run ends when a listing finds nothing. If
 * grants keep appearing until the rounds run out, one last listing reports them as
 * {@link RevocationResult#remaining} and {@link RevocationResult#isComplete()} is false: disable
 * the user first to stop new logins.
 *
 * <p><b>Why it never deletes while it pages.</b> authentik pages by number: page 2 is "results 101
 * to 200 of the list as it is now". Deleting the results of page 1 moves later results forward,
 * so the page fetched next no longer holds what was page 2, and every result that moved onto an
 * already visited page is skipped. Code that deletes what it lists page by page misses grants, and
 * misses them silently. So each round collects every id first and deletes after; page numbers
 * never span a delete of this run.
 *
 * <p>Outcomes: a DELETE answered 204 is {@link RevocationResult#revoked}; 404 means the grant was
 * gone already (deleted by someone else, or cleaned up on expiry) and is
 * {@link RevocationResult#alreadyGone}. Any other failure stops the run at once: no further delete
 * starts, those in flight are cancelled, and the failure is thrown as the SDK's exception (a
 * {@link PermissionDeniedException} for a token that may not delete, a {@link ServerException},
 * ...), with what the run had done until then attached ({@link RevocationResult#attachedTo}). What
 * was revoked before stays revoked; running again is safe and finishes the job. A list that holds
 * another user's grant, or a grant that does not show whose it is (a server or proxy that ignored
 * the filter), stops the run with {@link MalformedResponseException} before anything of that list
 * is deleted.
 *
 * <p>With {@link Builder#dryRun}, it lists once and deletes nothing: {@link RevocationResult#found}
 * is what a real run would revoke now.
 *
 * <p>Immutable and thread-safe (if its listener is): {@link #revoke()} may run any number of times.
 * Concurrency beyond what the client's OkHttp dispatcher allows per host (5 unless you gave the
 * client an {@code OkHttpClient} of your own) waits in the dispatcher.
 */
public final class TokenRevoker {
  /** The default number of DELETE requests in flight at once. */
  public static final int DEFAULT_CONCURRENCY = 4;
  /** The highest number of DELETE requests in flight at once that {@link Builder#concurrency} accepts. */
  public static final int MAX_CONCURRENCY = 16;
  /** The default number of rounds. */
  public static final int DEFAULT_MAX_ROUNDS = 3;
  /** The highest number of rounds that {@link Builder#maxRounds} accepts. */
  public static final int MAX_ROUNDS = 10;

  /** Codes first: they can still be exchanged; then refresh tokens: they mint access tokens. */
  private static final List<TokenKind> ORDER = List.of(TokenKind.AUTHORIZATION_CODE, TokenKind.REFRESH_TOKEN,
      TokenKind.ACCESS_TOKEN);

  private final Oauth2Api oauth2;
  private final int user;
  private final Integer provider;
  private final boolean dryRun;
  private final int concurrency;
  private final int maxRounds;
  private final Listener listener;

  private TokenRevoker(Builder builder) {
    this.oauth2 = builder.options != null ? builder.client.oauth2().withOptions(builder.options)
        : builder.client.oauth2();
    this.user = builder.user;
    this.provider = builder.provider;
    this.dryRun = builder.dryRun;
    this.concurrency = builder.concurrency;
    this.maxRounds = builder.maxRounds;
    this.listener = builder.listener;
  }

  /**
   * A builder of a revoker that calls through {@code client}.
   *
   * @param client the client to call with; its token needs permission to view and delete grants
   * @return a new builder; {@link Builder#user} is required
   */
  public static Builder builder(AuthentikClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Revokes the grants: lists, deletes, lists again, as the class description says.
   *
   * @return what was found, revoked, already gone and left
   * @throws ApiException the first failure other than a 404 on delete (a
   *     {@link PermissionDeniedException} when the token may not list or delete, ...); nothing
   *     more is deleted after it; {@link RevocationResult#attachedTo} says what was revoked before
   * @throws TransportException also when the calling thread is interrupted (its interrupt flag
   *     stays set); the deletes in flight are cancelled
   */
  public RevocationResult revoke() {
    return new Run().run();
  }

  @Override
  public String toString() {
    return "TokenRevoker{user=" + user + (provider != null ? ", provider=" + provider : "")
        + (dryRun ? ", dryRun" : "") + ", concurrency=" + concurrency + ", maxRounds=" + maxRounds + "}";
  }

  /** One call of {@link #revoke()}: its tallies. */
  private final class Run implements BoundedDeletes.Outcomes {
    private final TokenEndpoints endpoints = new TokenEndpoints(oauth2, user, provider);
    private final Map<TokenKind, Set<Integer>> found = tally();
    private final Map<TokenKind, Set<Integer>> revoked = tally();
    private final Map<TokenKind, Set<Integer>> alreadyGone = tally();

    private int rounds;

    RevocationResult run() {
      try {
        return revokeInRounds();
      } catch (RuntimeException e) {
        // What was done stays done: the failure carries it (RevocationResult.attachedTo).
        Map<TokenKind, Set<Integer>> notDone = tally();
        for (TokenKind kind : TokenKind.values()) {
          notDone.get(kind).addAll(found.get(kind));
          notDone.get(kind).removeAll(revoked.get(kind));
          notDone.get(kind).removeAll(alreadyGone.get(kind));
        }
        result(rounds, notDone).attachTo(e);
        throw e;
      }
    }

    private RevocationResult revokeInRounds() {
      while (true) {
        Map<TokenKind, List<Integer>> listed = new EnumMap<>(TokenKind.class);
        for (TokenKind kind : ORDER) {
          listed.put(kind, endpoints.ids(kind));
          found.get(kind).addAll(listed.get(kind));
        }
        boolean nothing = listed.values().stream().allMatch(List::isEmpty);
        if (nothing || rounds == maxRounds) {
          return result(rounds, nothing ? Map.of() : listed);
        }
        rounds++;
        List<TokenId> tokens = new ArrayList<>();
        for (TokenKind kind : ORDER) {
          listener.collected(rounds, kind, Collections.unmodifiableList(listed.get(kind)));
          listed.get(kind).forEach(id -> tokens.add(new TokenId(kind, id)));
        }
        if (dryRun) {
          return result(rounds, listed);
        }
        BoundedDeletes.run(tokens, concurrency, endpoints::delete, this);
      }
    }

    @Override
    public void revoked(TokenId token) {
      revoked.get(token.kind).add(token.id);
      listener.revoked(token.kind, token.id);
    }

    @Override
    public void alreadyGone(TokenId token) {
      alreadyGone.get(token.kind).add(token.id);
      listener.alreadyGone(token.kind, token.id);
    }

    private RevocationResult result(int rounds, Map<TokenKind, ? extends Collection<Integer>> remaining) {
      return new RevocationResult(user, provider, dryRun, rounds, found, revoked, alreadyGone, remaining);
    }

    private Map<TokenKind, Set<Integer>> tally() {
      Map<TokenKind, Set<Integer>> tally = new EnumMap<>(TokenKind.class);
      for (TokenKind kind : TokenKind.values()) {
        tally.put(kind, new TreeSet<>());
      }
      return tally;
    }
  }

  /**
   * Hears how a run goes, for progress output such as {@code 120/250}: the total is the sum of the
   * ids {@link #collected}, and each id is done once, {@link #revoked} or {@link #alreadyGone}.
   * Every method is called on the thread that called {@link TokenRevoker#revoke()}, one at a time;
   * an exception it throws stops the run like a failed delete.
   */
  public interface Listener {
    /**
     * A round collected the ids of one kind and is about to delete them (in a dry run: would).
     * Called for every kind, in the order of deleting, before the round's first delete.
     *
     * @param round the round, from 1
     * @param kind which kind of grant
     * @param ids the ids collected, unmodifiable, maybe empty
     */
    default void collected(int round, TokenKind kind, List<Integer> ids) {
    }

    /**
     * One grant was deleted.
     *
     * @param kind which kind of grant
     * @param id its id
     */
    default void revoked(TokenKind kind, int id) {
    }

    /**
     * One grant was gone when it was to be deleted (404).
     *
     * @param kind which kind of grant
     * @param id its id
     */
    default void alreadyGone(TokenKind kind, int id) {
    }
  }

  /** Configures a {@link TokenRevoker}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private static final Listener SILENT = new Listener() {
    };

    private final AuthentikClient client;
    private RequestOptions options;
    private Integer user;
    private Integer provider;
    private boolean dryRun;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int maxRounds = DEFAULT_MAX_ROUNDS;
    private Listener listener = SILENT;

    private Builder(AuthentikClient client) {
      this.client = client;
    }

    /**
     * Whose grants to revoke. Required.
     *
     * @param user the user's pk (such as {@code 17}, from {@code /core/users/}), not the username
     * @return this builder
     */
    public Builder user(int user) {
      if (user < 1) {
        throw new IllegalArgumentException("user must be a user's pk (1 or more), was " + user);
      }
      this.user = user;
      return this;
    }

    /**
     * Revoke only the grants issued by this provider. Default: every provider.
     *
     * @param provider the provider's pk, or {@code null} for every provider
     * @return this builder
     */
    public Builder provider(Integer provider) {
      if (provider != null && provider < 1) {
        throw new IllegalArgumentException("provider must be a provider's pk (1 or more), was " + provider);
      }
      this.provider = provider;
      return this;
    }

    /**
     * List once and delete nothing; the result says what a real run would revoke. Default off.
     *
     * @param dryRun whether to delete nothing
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * How many DELETE requests may be in flight at once. Default {@value TokenRevoker#DEFAULT_CONCURRENCY}:
     * quick, without a burst that a proxy's rate limit or a small server would mind.
     *
     * @param concurrency from 1 to {@value TokenRevoker#MAX_CONCURRENCY}
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException("concurrency must be from 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * How many rounds of list-then-delete a run makes at most before it reports what is left.
     * Default {@value TokenRevoker#DEFAULT_MAX_ROUNDS}.
     *
     * @param maxRounds from 1 to {@value TokenRevoker#MAX_ROUNDS}
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder maxRounds(int maxRounds) {
      if (maxRounds < 1 || maxRounds > MAX_ROUNDS) {
        throw new IllegalArgumentException("maxRounds must be from 1 to " + MAX_ROUNDS + ", was " + maxRounds);
      }
      this.maxRounds = maxRounds;
      return this;
    }

    /**
     * Who hears of the run's progress. Default: nobody.
     *
     * @param listener called on the thread that runs {@link TokenRevoker#revoke()}
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Settings for the revoker's calls that differ from the client's (a longer budget, a request
     * id header). Default: the client's.
     *
     * @param options the per-call settings
     * @return this builder
     */
    public Builder requestOptions(RequestOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the revoker.
     *
     * @return the revoker; nothing is sent until {@link TokenRevoker#revoke()}
     * @throws IllegalArgumentException when {@link #user} was not set
     */
    public TokenRevoker build() {
      if (user == null) {
        throw new IllegalArgumentException("user must be set: the pk of the user whose tokens to revoke");
      }
      return new TokenRevoker(this);
    }
  }
}
