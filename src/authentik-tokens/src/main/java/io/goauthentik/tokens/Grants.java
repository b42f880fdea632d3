package io.goauthentik.tokens;

import io.goauthentik.client.Page;
import io.goauthentik.client.PagedIterable;
import io.goauthentik.client.TokenKind;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.UsedBy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operations of one kind of grant (retrieve, list, used_by, destroy), each result as a
 * record of {@link Records}: the three kinds have three model classes, the commands one code path.
 *
 * @param <T> the kind's model class
 */
final class Grants<T> {
  /** The filters and page size of a list. */
  static final class Query {
    Integer user;
    Integer provider;
    String search;
    String ordering;
    int pageSize = 100;
  }

  /** One page of a list: its records, and how many results the whole list has. */
  static final class RecordPage {
    final List<Map<String, Object>> records;
    final Integer count;

    RecordPage(List<Map<String, Object>> records, Integer count) {
      this.records = records;
      this.count = count;
    }
  }

  private final Function<Integer, T> retrieve;
  private final Function<Query, PagedIterable<T>> list;
  private final Function<Integer, List<UsedBy>> usedBy;
  private final Consumer<Integer> destroy;
  private final Function<T, Map<String, Object>> record;
  private final Records records;

  private Grants(Function<Integer, T> retrieve, Function<Query, PagedIterable<T>> list,
      Function<Integer, List<UsedBy>> usedBy, Consumer<Integer> destroy, Function<T, Map<String, Object>> record,
      Records records) {
    this.retrieve = retrieve;
    this.list = list;
    this.usedBy = usedBy;
    this.destroy = destroy;
    this.record = record;
    this.records = records;
  }

  /** The operations of {@code kind}, through {@code oauth2}. */
  static Grants<?> of(TokenKind kind, Oauth2Api oauth2, Records records) {
    switch (kind) {
      case REFRESH_TOKEN:
        return new Grants<>(oauth2::oauth2RefreshTokensRetrieve,
            q -> oauth2.oauth2RefreshTokensList().user(q.user).provider(q.provider).search(q.search)
                .ordering(q.ordering).pageSize(q.pageSize).iterateAll(),
            oauth2::oauth2RefreshTokensUsedByList, oauth2::oauth2RefreshTokensDestroy, records::refreshToken, records);
      case ACCESS_TOKEN:
        return new Grants<>(oauth2::oauth2AccessTokensRetrieve,
            q -> oauth2.oauth2AccessTokensList().user(q.user).provider(q.provider).search(q.search)
                .ordering(q.ordering).pageSize(q.pageSize).iterateAll(),
            oauth2::oauth2AccessTokensUsedByList, oauth2::oauth2AccessTokensDestroy, records::accessToken, records);
      case AUTHORIZATION_CODE:
        return new Grants<>(oauth2::oauth2AuthorizationCodesRetrieve,
            q -> oauth2.oauth2AuthorizationCodesList().user(q.user).provider(q.provider).search(q.search)
                .ordering(q.ordering).pageSize(q.pageSize).iterateAll(),
            oauth2::oauth2AuthorizationCodesUsedByList, oauth2::oauth2AuthorizationCodesDestroy,
            records::authorizationCode, records);
      default:
        throw new IllegalArgumentException("kind " + kind);
    }
  }

  Map<String, Object> get(int id) {
    return record.apply(retrieve.apply(id));
  }

  /**
   * Every result of the filtered list, a page at a time, walked with {@code iterateAll()}; a page
   * is fetched only when the one before is used up (and one ahead, the SDK's default).
   */
  Iterable<RecordPage> list(Query query) {
    Iterable<Page<T>> pages = list.apply(query).byPage();
    return () -> new Iterator<>() {
      private final Iterator<Page<T>> each = pages.iterator();

      @Override
      public boolean hasNext() {
        return each.hasNext();
      }

      @Override
      public RecordPage next() {
        Page<T> page = each.next();
        List<Map<String, Object>> mapped = new ArrayList<>();
        if (page.getResults() != null) {
          page.getResults().forEach(result -> mapped.add(record.apply(result)));
        }
        return new RecordPage(mapped, page.getPagination() != null ? page.getPagination().getCount() : null);
      }
    };
  }

  List<Map<String, Object>> usedBy(int id) {
    List<Map<String, Object>> mapped = new ArrayList<>();
    usedBy.apply(id).forEach(each -> mapped.add(records.usedBy(each)));
    return mapped;
  }

  void destroy(int id) {
    destroy.accept(id);
  }
}
