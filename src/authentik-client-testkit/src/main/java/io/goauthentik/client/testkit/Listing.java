package io.goauthentik.client.testkit;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One page of a list of grants, computed the way authentik's token viewsets compute it:
 * <ul>
 *   <li>filters {@code user} and {@code provider} (django-filter: an id that is not a number or not
 *       an existing row is a 400 {@code {"user": ["Select a valid choice. ..."]}}, empty means none);
 *   <li>{@code search} is accepted and changes nothing: the viewsets declare no search fields, so
 *       DRF's {@code SearchFilter} (and the QL search of newer releases) returns the list whole;
 *   <li>{@code ordering}: comma-separated terms of the fields DRF derives from the serializer
 *       ({@code pk}, {@code provider}, {@code user}, {@code expires}, and {@code revoked} for tokens),
 *       {@code -} for descending; unknown terms are dropped, and with none left the viewset's
 *       {@code ["provider", "expires"]} applies. A missing {@code expires} counts as the smallest
 *       value (authentik's NullsAwareOrderingFilter). Ties go by pk, so pages are stable;
 *   <li>page-number pagination (authentik's {@code Pagination} over Django's paginator): pages from
 *       1 (or {@code last}), {@code page_size} default 100 ({@code PAGE_SIZE}) and no maximum, a
 *       page that is not a number or past the last is a 404 {@code {"detail": "Invalid page."}}.
 * </ul>
 */
final class Listing {
  static final int DEFAULT_PAGE_SIZE = 100;
  private static final List<String> DEFAULT_ORDERING = List.of("provider", "expires");
  private static final Set<String> GRANT_FIELDS = Set.of("pk", "provider", "user", "expires");
  private static final Set<String> TOKEN_FIELDS = Set.of("pk", "provider", "user", "expires", "revoked");
  private static final String INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";

  final List<FakeGrant> results;
  final int count;
  final int current;
  final int totalPages;
  final int next;
  final int previous;
  final int startIndex;
  final int endIndex;

  private Listing(List<FakeGrant> results, int count, int current, int totalPages, int startIndex, int endIndex) {
    this.results = results;
    this.count = count;
    this.current = current;
    this.totalPages = totalPages;
    this.next = current < totalPages ? current + 1 : 0;
    this.previous = current > 1 ? current - 1 : 0;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
  }

  /**
   * The page {@code query} asks for.
   *
   * @param all every grant of the type, a snapshot
   * @param query the query parameters, each name's last value
   * @throws HttpError 400 for a bad filter, 404 for a bad page
   */
  static Listing of(GrantType type, List<FakeGrant> all, Map<String, String> query, FakeState state) {
    JsonObject errors = new JsonObject();
    Integer user = filter(query.get("user"), "user", pk -> state.user(pk) != null, errors);
    Integer provider = filter(query.get("provider"), "provider", pk -> state.provider(pk) != null, errors);
    if (errors.size() > 0) {
      throw HttpError.validation(errors);
    }
    List<FakeGrant> matching = new ArrayList<>();
    for (FakeGrant grant : all) {
      if ((user == null || grant.userPk == user) && (provider == null || grant.providerPk == provider)) {
        matching.add(grant);
      }
    }
    matching.sort(ordering(type, query.get("ordering")));
    return page(matching, query.get("page"), pageSize(query.get("page_size")));
  }

  private static Integer filter(String value, String name, IntPredicate exists, JsonObject errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      int pk = Integer.parseInt(value.trim());
      if (exists.test(pk)) {
        return pk;
      }
    } catch (NumberFormatException e) {
      // the same answer as an id that does not exist
    }
    HttpError.addFieldError(errors, name, INVALID_CHOICE);
    return null;
  }

  private static Comparator<FakeGrant> ordering(GrantType type, String ordering) {
    List<String> terms = new ArrayList<>();
    if (ordering != null) {
      Set<String> valid = type.isToken ? TOKEN_FIELDS : GRANT_FIELDS;
      for (String term : ordering.split(",")) {
        String trimmed = term.trim();
        if (valid.contains(trimmed.startsWith("-") ? trimmed.substring(1) : trimmed)) {
          terms.add(trimmed);
        }
      }
    }
    if (terms.isEmpty()) {
      terms = DEFAULT_ORDERING;
    }
    Comparator<FakeGrant> order = null;
    for (String term : terms) {
      boolean descending = term.startsWith("-");
      Comparator<FakeGrant> one = field(descending ? term.substring(1) : term);
      one = descending ? one.reversed() : one;
      order = order == null ? one : order.thenComparing(one);
    }
    return order.thenComparingInt(grant -> grant.pk);
  }

  private static Comparator<FakeGrant> field(String name) {
    switch (name) {
      case "pk":
        return Comparator.comparingInt(grant -> grant.pk);
      case "provider":
        return Comparator.comparingInt(grant -> grant.providerPk);
      case "user":
        return Comparator.comparingInt(grant -> grant.userPk);
      case "expires":
        return Comparator.comparing(grant -> grant.expires, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
      case "revoked":
        return Comparator.comparing(grant -> grant.revoked);
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /** DRF's PageNumberPagination.get_page_size: a positive integer, else the default. */
  private static int pageSize(String value) {
    if (value != null) {
      try {
        int size = Integer.parseInt(value.trim());
        if (size > 0) {
          return size;
        }
      } catch (NumberFormatException e) {
        // the default, as DRF does
      }
    }
    return DEFAULT_PAGE_SIZE;
  }

  /** Django's Paginator.page with allow_empty_first_page, as DRF calls it. */
  private static Listing page(List<FakeGrant> matching, String page, int size) {
    int count = matching.size();
    int totalPages = count == 0 ? 1 : (int) ((count + (long) size - 1) / size);
    int number;
    if (page == null || page.isEmpty()) {
      number = 1;
    } else if (page.equals("last")) {
      number = totalPages;
    } else {
      try {
        number = Integer.parseInt(page);
      } catch (NumberFormatException e) {
        throw HttpError.detail(404, "Invalid page.");
      }
    }
    if (number < 1 || number > totalPages) {
      throw HttpError.detail(404, "Invalid page.");
    }
    int from = (int) Math.min((number - 1L) * size, count);
    int to = (int) Math.min((long) from + size, count);
    return new Listing(List.copyOf(matching.subList(from, to)), count, number, totalPages,
        count == 0 ? 0 : from + 1, to);
  }
}
