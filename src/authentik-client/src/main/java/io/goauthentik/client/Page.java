package io.goauthentik.client;

import io.goauthentik.client.model.Pagination;
import java.util.List;

/**
 * One page of a paginated list, as the server sent it. Every generated {@code Paginated...List}
 * model is one, so code that pages works the same for every list of the API.
 *
 * @param <T> the type of the results
 */
public interface Page<T> {
  /**
   * Where this page stands: its number ({@code current}), the next one's ({@code next}, 0 on the
   * last page), the total count and the number of pages.
   *
   * @return the pagination, or {@code null} when the server sent none
   */
  Pagination getPagination();

  /**
   * The results on this page.
   *
   * @return an unmodifiable list, or {@code null} when the server sent none
   */
  List<T> getResults();
}
