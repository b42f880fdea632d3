package io.goauthentik.client.internal;

import io.goauthentik.client.Page;
import java.util.List;
import java.util.Optional;

/** What a list request's {@code single()} makes of the page it asked for: none, one, or an error naming the count. */
public final class SingleResult {
  private SingleResult() {
  }

  /**
   * The only result of a page of at most two.
   *
   * @param page the page the server sent
   * @param operation the list's name, for the message
   * @return the result, or empty for none
   * @throws IllegalStateException when more than one result matched, naming how many
   */
  public static <T> Optional<T> of(Page<T> page, String operation) {
    List<T> results = page.getResults();
    int onPage = results == null ? 0 : results.size();
    if (onPage <= 1) {
      return onPage == 0 ? Optional.empty() : Optional.ofNullable(results.get(0));
    }
    Integer count = page.getPagination() != null ? page.getPagination().getCount() : null;
    throw new IllegalStateException(operation + " matched " + (count != null && count >= onPage ? count : "at least " + onPage)
        + " results, not at most one: narrow the parameters");
  }
}
