package io.goauthentik.client.internal;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.Page;
import io.goauthentik.client.PagedIterable;
import io.goauthentik.client.model.Pagination;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Request;

/**
 * Walks the pages of a paginated list (see {@link PagedIterable} for what a caller is promised).
 * authentik numbers pages from 1; {@code pagination.next} is the next page's number, 0 on the last.
 * Pages fetched ahead go through the asynchronous call, so they overlap with the caller's work.
 *
 * @param <T> the type of the results
 */
public final class Pager<T> implements PagedIterable<T> {
  private static final int MAX_FETCH_AHEAD = 4;

  private final ApiCaller caller;
  private final Request first;
  private final Decoder<? extends Page<T>> decoder;
  private final int fetchAhead;

  /**
   * @param caller sends the page requests
   * @param first the request for the first page to walk (its {@code page} parameter, if any, says which)
   * @param decoder decodes one page
   */
  public Pager(ApiCaller caller, Request first, Decoder<? extends Page<T>> decoder) {
    this(caller, first, decoder, 1);
  }

  private Pager(ApiCaller caller, Request first, Decoder<? extends Page<T>> decoder, int fetchAhead) {
    this.caller = caller;
    this.first = first;
    this.decoder = decoder;
    this.fetchAhead = fetchAhead;
  }

  @Override
  public PagedIterable<T> fetchAhead(int pages) {
    if (pages < 0 || pages > MAX_FETCH_AHEAD) {
      throw new IllegalArgumentException("fetchAhead must be from 0 to " + MAX_FETCH_AHEAD + ", was " + pages);
    }
    return new Pager<>(caller, first, decoder, pages);
  }

  @Override
  public Iterator<T> iterator() {
    return new Walk().items();
  }

  @Override
  public Stream<T> stream() {
    Walk walk = new Walk();
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk.items(), Spliterator.ORDERED), false)
        .onClose(walk::close);
  }

  @Override
  public Iterable<Page<T>> byPage() {
    return () -> new Walk().pages();
  }

  /** One walk through the pages: the pages requested and not yet handed out, oldest first. */
  private final class Walk {
    private final ArrayDeque<Requested> requested = new ArrayDeque<>();
    private Requested newest; // the page requested last: the next one to request follows it
    private boolean started;
    private boolean goingOn; // the caller wants more than it has been handed
    private boolean closed;
    private RuntimeException failure; // what ended the walk: asked again, it says the same
    private long seen; // results handed out before the page being handed out

    /** The page after the one handed out, waiting for it if it is on its way; null after the last. */
    Page<T> nextPage() {
      if (failure != null) {
        throw failure;
      }
      try {
        return checked(fetchNextPage());
      } catch (RuntimeException e) {
        failure = e;
        close();
        throw e;
      }
    }

    private Page<T> fetchNextPage() {
      Requested next;
      synchronized (this) {
        if (!started) {
          started = true;
          request(startNumber(), first);
        } else if (requested.isEmpty()) { // everything requested was handed out: newest is done
          int number = nextNumber(newest.number, newest.future.join(), true);
          if (number == 0) {
            return null;
          }
          request(number, ApiCaller.forPage(first, number));
        }
        next = requested.poll();
        goingOn = false; // until the caller goes on with this page
      }
      Page<T> page = await(next);
      List<T> results = page.getResults();
      return results == null || results.isEmpty() ? null : page;
    }

    /**
     * A page a caller can trust: no null result, and no more results than the server's own count
     * allows (with one page of slack, for results added while walking). A server or proxy whose
     * {@code next} keeps moving forward past its count would otherwise be walked forever.
     */
    private Page<T> checked(Page<T> page) {
      if (page == null) {
        return null;
      }
      List<T> results = page.getResults();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) == null) {
          throw malformed("results[" + i + "] is null");
        }
      }
      seen += results.size();
      Pagination pagination = page.getPagination();
      Integer count = pagination != null ? pagination.getCount() : null;
      if (count != null && seen > (long) count + results.size()) {
        throw malformed("the pages so far hold " + seen + " results, but pagination.count is " + count);
      }
      return page;
    }

    private MalformedResponseException malformed(String what) {
      return new MalformedResponseException(ErrorMapper.prefix(first) + "200 " + what, 200, Map.of());
    }

    /** The caller goes on with the walk: up to {@code fetchAhead} pages may be on their way. */
    synchronized void goingOn() {
      goingOn = true;
      fill();
    }

    /** Requests the next page while the caller is going on and fewer than fetchAhead are on their way. */
    private synchronized void fill() {
      while (goingOn && !closed && newest != null && requested.size() < fetchAhead) {
        if (!newest.future.isDone() || newest.future.isCompletedExceptionally()) {
          return; // its arrival calls fill() again
        }
        int number = nextNumber(newest.number, newest.future.join(), false);
        if (number == 0) {
          return;
        }
        request(number, ApiCaller.forPage(first, number));
      }
    }

    synchronized void close() {
      closed = true;
      for (Requested page : requested) {
        page.future.cancel(true);
      }
      requested.clear();
    }

    private void request(int number, Request request) {
      CompletableFuture<? extends Page<T>> future = caller.executeAsync(request, decoder);
      newest = new Requested(number, request, future);
      requested.add(newest);
      future.thenRun(this::fill); // a page that arrives may let a further one go out
    }

    /**
     * The number of the page after {@code page} (number {@code number}), 0 when there is none.
     *
     * @param strict whether a {@code next} that does not move forward throws, rather than reads as none
     */
    private int nextNumber(int number, Page<T> page, boolean strict) {
      Pagination pagination = page.getPagination();
      Integer next = pagination != null ? pagination.getNext() : null;
      List<T> results = page.getResults();
      if (next == null || next == 0 || results == null || results.isEmpty()) {
        return 0;
      }
      if (next <= number) {
        if (!strict) {
          return 0;
        }
        // A broken server or proxy (one that ignores ?page=, say) would have us loop forever.
        throw malformed("pagination.next is " + next + " on page " + number + ": it does not move forward");
      }
      return next;
    }

    private int startNumber() {
      String page = first.url().queryParameter("page");
      try {
        return page != null ? Integer.parseInt(page) : 1;
      } catch (NumberFormatException e) {
        return 1;
      }
    }

    private Page<T> await(Requested page) {
      try {
        return page.future.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof ApiException ? (ApiException) e.getCause()
            : new IllegalStateException("page " + page.number + " failed", e.getCause());
      } catch (InterruptedException e) {
        throw caller.transport.interrupted(page.request, e, 1, "waiting for page " + page.number);
      }
    }

    Iterator<T> items() {
      return new Iterator<>() {
        private List<T> results = List.of();
        private int index;
        private boolean done;

        @Override
        public boolean hasNext() {
          if (index > 0 && index < results.size()) {
            goingOn(); // more of this page is wanted: the next may start on its way
          }
          while (!done && index >= results.size()) {
            Page<T> page = nextPage();
            if (page == null) {
              done = true;
            } else {
              results = page.getResults();
              index = 0;
            }
          }
          return !done;
        }

        @Override
        public T next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return results.get(index++);
        }
      };
    }

    Iterator<Page<T>> pages() {
      return new Iterator<>() {
        private Page<T> next;
        private boolean done;

        @Override
        public boolean hasNext() {
          if (next == null && !done) {
            next = nextPage();
            done = next == null;
          }
          return next != null;
        }

        @Override
        public Page<T> next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Page<T> page = next;
          next = null;
          goingOn(); // the caller works on this page: the next may start on its way
          return page;
        }
      };
    }
  }

  /** A page asked for: its number, its request, its answer to come. */
  private final class Requested {
    final int number;
    final Request request;
    final CompletableFuture<? extends Page<T>> future;

    Requested(int number, Request request, CompletableFuture<? extends Page<T>> future) {
      this.number = number;
      this.request = request;
      this.future = future;
    }
  }
}
