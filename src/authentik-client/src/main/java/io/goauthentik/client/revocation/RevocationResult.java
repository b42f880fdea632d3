package io.goauthentik.client.revocation;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.ServerException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link TokenRevoker} run did, per {@link TokenKind}. Every id a listing showed is in
 * {@link #found}, and ends in one of {@link #revoked} (deleted by this run), {@link #alreadyGone}
 * (its DELETE got 404: deleted by someone else, or expired and cleaned up, after it was listed)
 * or {@link #remaining} (still listed when the run ended). Lists are sorted by id and unmodifiable.
 * Immutable.
 */
public final class RevocationResult {
  private final int user;
  private final Integer provider;
  private final boolean dryRun;
  private final int rounds;
  private final Map<TokenKind, List<Integer>> found;
  private final Map<TokenKind, List<Integer>> revoked;
  private final Map<TokenKind, List<Integer>> alreadyGone;
  private final Map<TokenKind, List<Integer>> remaining;

  RevocationResult(int user, Integer provider, boolean dryRun, int rounds, Map<TokenKind, ? extends Collection<Integer>> found,
      Map<TokenKind, ? extends Collection<Integer>> revoked, Map<TokenKind, ? extends Collection<Integer>> alreadyGone,
      Map<TokenKind, ? extends Collection<Integer>> remaining) {
    this.user = user;
    this.provider = provider;
    this.dryRun = dryRun;
    this.rounds = rounds;
    this.found = sorted(found);
    this.revoked = sorted(revoked);
    this.alreadyGone = sorted(alreadyGone);
    this.remaining = sorted(remaining);
  }

  /**
   * The user whose grants were revoked.
   *
   * @return the user's pk
   */
  public int user() {
    return user;
  }

  /**
   * The provider the run was limited to.
   *
   * @return the provider's pk, or empty when the run covered every provider
   */
  public OptionalInt provider() {
    return provider == null ? OptionalInt.empty() : OptionalInt.of(provider);
  }

  /**
   * Whether this was a dry run: then nothing was deleted, and {@link #found} (equal to
   * {@link #remaining}) is what a real run would revoke now.
   *
   * @return true for a dry run
   */
  public boolean isDryRun() {
    return dryRun;
  }

  /**
   * How many rounds collected grants: each lists the user's grants, then deletes them (unless a
   * dry run). 1 when nothing new appeared while the run deleted; 0 when there was nothing to revoke.
   *
   * @return the number of rounds
   */
  public int rounds() {
    return rounds;
  }

  /**
   * Every id of this kind that a listing of this run showed.
   *
   * @param kind which kind of grant
   * @return the ids, sorted
   */
  public List<Integer> found(TokenKind kind) {
    return found.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * The ids of this kind this run deleted (the server answered 204). Empty in a dry run.
   *
   * @param kind which kind of grant
   * @return the ids, sorted
   */
  public List<Integer> revoked(TokenKind kind) {
    return revoked.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * The ids of this kind that were gone when this run deleted them (the server answered 404).
   *
   * @param kind which kind of grant
   * @return the ids, sorted
   */
  public List<Integer> alreadyGone(TokenKind kind) {
    return alreadyGone.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * The ids of this kind the last listing still showed: grants that kept appearing until the
   * rounds ran out, or, in a dry run, everything found.
   *
   * @param kind which kind of grant
   * @return the ids, sorted; empty when the run is complete
   */
  public List<Integer> remaining(TokenKind kind) {
    return remaining.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Whether the user has no grant left (of the provider, if one was given) as of the run's last
   * listing. A dry run is complete only when there was nothing to revoke.
   *
   * @return true when {@link #remaining} is empty for every kind
   */
  public boolean isComplete() {
    return remaining.values().stream().allMatch(List::isEmpty);
  }

  /**
   * What a {@link TokenRevoker} run had done when it failed. The run throws the failure as it came
   * (a {@link PermissionDeniedException}, a {@link ServerException}, ...) with its result so far
   * attached: what it {@link #found}, {@link #revoked} and found {@link #alreadyGone} until then;
   * {@link #remaining} is what it found and did not get to delete (a delete that was in flight when
   * the run stopped is cancelled and counted there, though the server may have done it).
   *
   * <pre>{@code
   * try {
   *   revoker.revoke();
   * } catch (ApiException e) {
   *   RevocationResult.attachedTo(e).ifPresent(done -> log.warn("revoked before the failure: {}", done));
   *   throw e;
   * }
   * }</pre>
   *
   * @param failure what {@link TokenRevoker#revoke()} threw
   * @return the result so far, or empty for an exception a revoker did not throw
   */
  public static Optional<RevocationResult> attachedTo(Throwable failure) {
    for (Throwable suppressed : Objects.requireNonNull(failure, "failure").getSuppressed()) {
      if (suppressed instanceof Attached) {
        return Optional.ofNullable(((Attached) suppressed).result); // null only after serialization
      }
    }
    return Optional.empty();
  }

  /** Attaches this result to {@code failure}, for {@link #attachedTo}. */
  void attachTo(Throwable failure) {
    failure.addSuppressed(new Attached(this));
  }

  /** Counts per kind, never secrets (there are none here: only ids). */
  @Override
  public String toString() {
    return "RevocationResult{user=" + user + (provider != null ? ", provider=" + provider : "")
        + (dryRun ? ", dryRun" : "") + ", rounds=" + rounds + ", found=" + counts(found) + ", revoked="
        + counts(revoked) + ", alreadyGone=" + counts(alreadyGone) + ", remaining=" + counts(remaining) + "}";
  }

  /**
   * Carries a result on a failure as a suppressed exception: the failure keeps its own type (a 403
   * stays a PermissionDeniedException), and a stack trace shows what was done before it.
   */
  private static final class Attached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RevocationResult result;

    Attached(RevocationResult result) {
      super("what the revoker had done when it failed: " + result, null, false, false);
      this.result = result;
    }
  }

  private static Map<TokenKind, Integer> counts(Map<TokenKind, List<Integer>> ids) {
    Map<TokenKind, Integer> counts = new EnumMap<>(TokenKind.class);
    ids.forEach((kind, list) -> counts.put(kind, list.size()));
    return counts;
  }

  private static Map<TokenKind, List<Integer>> sorted(Map<TokenKind, ? extends Collection<Integer>> ids) {
    Map<TokenKind, List<Integer>> copy = new EnumMap<>(TokenKind.class);
    for (TokenKind kind : TokenKind.values()) {
      Collection<Integer> some = ids.get(kind);
      List<Integer> list = some != null ? new ArrayList<>(some) : new ArrayList<>();
      Collections.sort(list);
      copy.put(kind, Collections.unmodifiableList(list));
    }
    return Collections.unmodifiableMap(copy);
  }
}
