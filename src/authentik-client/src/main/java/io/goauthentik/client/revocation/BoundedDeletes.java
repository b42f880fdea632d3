package io.goauthentik.client.revocation;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.TransportException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Deletes grants with at most {@code limit} DELETE requests in flight: the next one starts only
 * when one has finished. Outcomes are reported on the calling thread, in the order they arrive.
 * A 404 is an outcome (the grant was gone already); any other failure stops the run: no further
 * delete starts, those in flight are cancelled, and the failure is thrown as it came.
 */
final class BoundedDeletes {
  /** What happened to each grant. Called on the thread that called {@link #run}. */
  interface Outcomes {
    void revoked(TokenId token);

    void alreadyGone(TokenId token);
  }

  private BoundedDeletes() {
  }

  /**
   * Deletes every grant of {@code tokens}, in that order of starting.
   *
   * @param delete starts one delete; its future fails with the call's exception
   * @throws ApiException the first failure that is not a 404
   * @throws TransportException when the calling thread is interrupted (its interrupt flag stays set)
   */
  static void run(List<TokenId> tokens, int limit, Function<TokenId, CompletableFuture<Void>> delete,
      Outcomes outcomes) {
    BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    Map<TokenId, CompletableFuture<Void>> inFlight = new HashMap<>();
    Iterator<TokenId> next = tokens.iterator();
    try {
      while (next.hasNext() || !inFlight.isEmpty()) {
        while (inFlight.size() < limit && next.hasNext()) {
          TokenId token = next.next();
          CompletableFuture<Void> call = delete.apply(token);
          inFlight.put(token, call);
          call.whenComplete((ignored, failure) -> finished.add(new Finished(token, failure)));
        }
        Finished done = finished.take();
        inFlight.remove(done.token);
        Throwable failure = unwrap(done.failure);
        if (failure == null) {
          outcomes.revoked(done.token);
        } else if (failure instanceof NotFoundException) {
          outcomes.alreadyGone(done.token);
        } else {
          throw failure instanceof RuntimeException ? (RuntimeException) failure
              : new IllegalStateException("deleting " + done.token + " failed", failure);
        }
      }
    } catch (InterruptedException e) {
      cancel(inFlight);
      Thread.currentThread().interrupt();
      throw new TransportException("Interrupted while revoking tokens; the deletes in flight were cancelled", e);
    } catch (RuntimeException | Error e) {
      cancel(inFlight); // a failed delete, or a listener's exception: nothing more is sent
      throw e;
    }
  }

  private static void cancel(Map<TokenId, CompletableFuture<Void>> inFlight) {
    for (CompletableFuture<Void> call : new ArrayList<>(inFlight.values())) {
      call.cancel(true); // cancels the HTTP call
    }
  }

  private static Throwable unwrap(Throwable failure) {
    while ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  /** A delete that finished, with its failure or null. */
  private static final class Finished {
    final TokenId token;
    final Throwable failure;

    Finished(TokenId token, Throwable failure) {
      this.token = token;
      this.failure = failure;
    }
  }
}
