package io.goauthentik.tokens;

import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.Page;
import io.goauthentik.client.PagedIterable;
import io.goauthentik.client.revocation.TokenKind;
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

  private final TokenKind kind;
  private final Function<Integer, T> retrieve;
  private final Function<Query, PagedIterable<T>> list;
  private final Function<Integer, List<UsedBy>> usedBy;
  private final Consumer<Integer> destroy;
  private final Function<T, Map<String, Object>> record;
  private final Records records;

  private Grants(TokenKind kind, Function<Integer, T> retrieve, Function<Query, PagedIterable<T>> list,
      Function<Integer, List<UsedBy>> usedBy, Consumer<Integer> destroy, Function<T, Map<String, Object>> record,
      Records records) {
    this.kind = kind;
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
        return new Grants<>(kind, oauth2::oauth2RefreshTokensRetrieve,
            q -> oauth2.oauth2RefreshTokensList().user(q.user).provider(q.provider).search(q.search)
                .ordering(q.ordering).pageSize(q.pageSize).iterateAll(),
            oauth2::oauth2RefreshTokensUsedByList, oauth2::oauth2RefreshTokensDestroy, records::refreshToken, records);
      case ACCESS_TOKEN:
        return new Grants<>(kind, oauth2::oauth2AccessTokensRetrieve,
            q -> oauth2.oauth2AccessTokensList().user(q.user).provider(q.provider).search(q.search)
                .ordering(q.ordering).pageSize(q.pageSize).iterateAll(),
            oauth2::oauth2AccessTokensUsedByList, oauth2::oauth2AccessTokensDestroy, records::accessToken, records);
      case AUTHORIZATION_CODE:
        return new Grants<>(kind, oauth2::oauth2AuthorizationCodesRetrieve,
            q -> oauth2.oauth2AuthorizationCodesList().user(q.user).provider(q.provider).search(q.search)
                .ordering(q.ordering).pageSize(q.pageSize).iterateAll(),
            oauth2::oauth2AuthorizationCodesUsedByList, oauth2::oauth2AuthorizationCodesDestroy,
            records::authorizationCode, records);
      default:
        throw new IllegalArgumentException("kind " + kind);
    }
  }

  /**
   * One grant.
   *
   * @throws MalformedResponseException when the answer has no pk: it is not a grant (a proxy's
   *     {@code {"status": "ok"}})
   */
  Map<String, Object> get(int id) {
    Map<String, Object> grant = record.apply(retrieve.apply(id));
    if (grant.get("pk") == null) {
      throw malformed("The answer for " + Records.noun(kind) + " " + id + " has no pk: it is not a "
          + Records.noun(kind));
    }
    return grant;
  }

  /**
   * Every result of the filtered list, a page at a time, walked with {@code iterateAll()}; a page
   * is fetched only when the one before is used up (and one ahead, the SDK's default). Each page is
   * checked whole before it is handed out, so that nothing of a wrong page is printed.
   *
   * @throws MalformedResponseException (from the iterator) for a page with a null or a grant
   *     without a pk, or, when the query filters by user or provider, with a grant that is not
   *     theirs or does not say whose it is: the server or a proxy dropped the filter, and a script
   *     that revokes what the list prints would revoke other people's grants
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
          page.getResults().forEach(result -> mapped.add(checked(result, query)));
        }
        return new RecordPage(mapped, page.getPagination() != null ? page.getPagination().getCount() : null);
      }
    };
  }

  private Map<String, Object> checked(T result, Query query) {
    String list = "The " + Records.noun(kind) + " list" + (query.user != null ? " for user " + query.user : "")
        + (query.provider != null ? (query.user != null ? " and" : " for") + " provider " + query.provider : "");
    if (result == null) {
      throw malformed(list + " holds null instead of a " + Records.noun(kind));
    }
    Map<String, Object> grant = record.apply(result);
    Object pk = grant.get("pk");
    if (pk == null) {
      throw malformed(list + " holds a " + Records.noun(kind) + " without a pk");
    }
    String whose = null;
    Integer owner = pkOf(grant.get("user"));
    Integer issuer = pkOf(grant.get("provider"));
    if (query.user != null && !query.user.equals(owner)) {
      whose = owner == null ? "an unknown user" : "user " + owner;
    } else if (query.provider != null && !query.provider.equals(issuer)) {
      whose = issuer == null ? "an unknown provider" : "provider " + issuer;
    }
    if (whose != null) {
      throw malformed(list + " holds " + Records.noun(kind) + " " + pk + " of " + whose + ": the server did not "
          + "apply the filter (or does not say whose it is), so nothing more of the list is printed");
    }
    return grant;
  }

  /** The pk of a record's user or provider, or null. */
  private static Integer pkOf(Object nested) {
    Object pk = nested instanceof Map ? ((Map<?, ?>) nested).get("pk") : null;
    return pk instanceof Integer ? (Integer) pk : null;
  }

  private static MalformedResponseException malformed(String message) {
    return new MalformedResponseException(message, 200, Map.of());
  }

  List<Map<String, Object>> usedBy(int id) {
    List<Map<String, Object>> mapped = new ArrayList<>();
    for (UsedBy each : usedBy.apply(id)) {
      if (each == null) {
        throw malformed("The used_by answer for " + Records.noun(kind) + " " + id + " holds null");
      }
      mapped.add(records.usedBy(each));
    }
    return mapped;
  }

  void destroy(int id) {
    destroy.accept(id);
  }
}
