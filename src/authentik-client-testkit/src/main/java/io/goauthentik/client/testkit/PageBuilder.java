package io.goauthentik.client.testkit;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.PaginatedAccessTokenList;
import io.goauthentik.client.model.PaginatedAuthorizationCodeList;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds one page of a list ({@link PaginatedRefreshTokenList}, {@link PaginatedAccessTokenList},
 * {@link PaginatedAuthorizationCodeList}) from {@link TestModels#refreshTokenPage()} and the like,
 * its {@code pagination} computed as authentik computes it: by default page 1 of one, holding the
 * results given, 100 per page. Set {@link #page}, {@link #pageSize} and {@link #count} for a page in
 * the middle of a longer list. {@code autocomplete} is {@code {}}, as releases from 2025.6 send it.
 *
 * @param <P> the page model
 * @param <I> the builder of its results
 */
public final class PageBuilder<P, I extends ModelBuilder<?, ?>> extends ModelBuilder<P, PageBuilder<P, I>> {
  private final TokenBuilder.ModelReader<P> reader;
  private final List<I> results = new ArrayList<>();
  private int page = 1;
  private int pageSize = 100;
  private Integer count;

  private PageBuilder(TokenBuilder.ModelReader<P> reader) {
    this.reader = reader;
    json.add("pagination", new JsonObject());
    json.add("results", new JsonObject());
    json.add("autocomplete", new JsonObject());
  }

  static PageBuilder<PaginatedRefreshTokenList, TokenBuilder<io.goauthentik.client.model.RefreshToken>> refreshTokens() {
    return new PageBuilder<>(PaginatedRefreshTokenList::fromJson);
  }

  static PageBuilder<PaginatedAccessTokenList, TokenBuilder<io.goauthentik.client.model.AccessToken>> accessTokens() {
    return new PageBuilder<>(PaginatedAccessTokenList::fromJson);
  }

  static PageBuilder<PaginatedAuthorizationCodeList, AuthorizationCodeBuilder> authorizationCodes() {
    return new PageBuilder<>(PaginatedAuthorizationCodeList::fromJson);
  }

  /**
   * The results of this page, replacing those given before.
   *
   * @param results in the order the page holds them
   * @return this builder
   */
  @SafeVarargs
  public final PageBuilder<P, I> results(I... results) {
    this.results.clear();
    for (I result : results) {
      this.results.add(Objects.requireNonNull(result, "a result"));
    }
    return this;
  }

  /**
   * Which page this is; 1 by default.
   *
   * @param page from 1
   * @return this builder
   */
  public PageBuilder<P, I> page(int page) {
    if (page < 1) {
      throw new IllegalArgumentException("pages are numbered from 1, was " + page);
    }
    this.page = page;
    return this;
  }

  /**
   * How many results a full page holds; 100 by default, as authentik's.
   *
   * @param pageSize at least 1
   * @return this builder
   */
  public PageBuilder<P, I> pageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    this.pageSize = pageSize;
    return this;
  }

  /**
   * How many results the whole list holds; by default those before this page plus this page's.
   *
   * @param count at least 0
   * @return this builder
   */
  public PageBuilder<P, I> count(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    this.count = count;
    return this;
  }

  @Override
  JsonObject json() {
    int total = count != null ? count : (page - 1) * pageSize + results.size();
    int totalPages = total == 0 ? 1 : (total + pageSize - 1) / pageSize;
    int start = results.isEmpty() ? 0 : (page - 1) * pageSize + 1;
    JsonObject pagination = Json.pagination(page < totalPages ? page + 1 : 0, page > 1 ? page - 1 : 0, total, page,
        totalPages, start, results.isEmpty() ? 0 : start + results.size() - 1);
    if (!isSet("pagination")) {
      json.add("pagination", pagination);
    }
    if (!isSet("results")) {
      json.add("results", jsonOf(results));
    }
    return json;
  }

  @Override
  P read(JsonReader in) throws IOException {
    return reader.read(in);
  }
}
