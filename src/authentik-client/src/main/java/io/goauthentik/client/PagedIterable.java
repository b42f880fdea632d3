package io.goauthentik.client;

import java.util.stream.Stream;

/**
 * Every result of a paginated list, page after page, fetched only as they are needed. Nothing is
 * sent until iteration starts; each iteration (each {@code iterator()}, {@code stream()} or
 * {@code byPage()}) walks the pages anew.
 *
 * <p>While you work through one page the next is already on its way ({@link #fetchAhead}, one page
 * by default): with the caller as busy as the server is slow, the walk takes about half as long as
 * a loop of single-page calls. A page is fetched ahead only once you ask for a result after the
 * first of the current page, so {@code stream().findFirst()} sends one request; closing a stream
 * cancels the pages still on their way.
 *
 * <p>An error on any page is thrown by the iteration as the usual {@link ApiException} subclass. A
 * server that answers with a {@code next} page that does not move forward ends the walk with
 * {@link MalformedResponseException} rather than looping.
 *
 * <p>Page numbers are not a snapshot: deleting results while walking pages by number skips results
 * (page 2 of a list that shrank is not the old page 2). Collect first, then delete, as
 * {@link io.goauthentik.client.revocation.TokenRevoker} does.
 *
 * @param <T> the type of the results
 */
public interface PagedIterable<T> extends Iterable<T> {
  /**
   * The results as a lazy stream. Close it (try-with-resources) to cancel a page fetched ahead
   * when you stop early.
   *
   * @return a sequential stream of every result
   */
  Stream<T> stream();

  /**
   * The pages themselves, each as the server sent it (with its pagination).
   *
   * @return the pages, fetched as they are needed
   */
  Iterable<Page<T>> byPage();

  /**
   * How many pages may be on their way while you work through the current one.
   *
   * @param pages 0 to fetch each page only when the previous one is used up; at most 4
   * @return an iterable that fetches that many pages ahead
   * @throws IllegalArgumentException when {@code pages} is negative or more than 4
   */
  PagedIterable<T> fetchAhead(int pages);
}
