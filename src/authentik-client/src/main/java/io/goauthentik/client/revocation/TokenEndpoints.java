package io.goauthentik.client.revocation;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.Page;
import io.goauthentik.client.PagedIterable;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.User;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The list and destroy operations of each kind of grant, filtered to one user (and provider), as
 * {@link TokenRevoker} uses them.
 */
final class TokenEndpoints {
  /** The most a page holds by authentik's default; fewer pages, fewer requests. */
  static final int PAGE_SIZE = 100;
  /** How often a list that shrank while it was walked (404 on a later page) is walked again. */
  private static final int WALKS = 3;

  private final Oauth2Api oauth2;
  private final int user;
  private final Integer provider;

  TokenEndpoints(Oauth2Api oauth2, int user, Integer provider) {
    this.oauth2 = oauth2;
    this.user = user;
    this.provider = provider;
  }

  /**
   * The ids of every grant of {@code kind} the server lists for the user (and provider), every
   * page walked with {@code iterateAll()}, in the server's order.
   *
   * @throws MalformedResponseException when the list holds a grant of another user or provider, or
   *     one that does not show whose it is: the server ignored the filter, and deleting what it
   *     lists would hit other people; also for a null in the list, or a grant without a pk
   */
  List<Integer> ids(TokenKind kind) {
    switch (kind) {
      case REFRESH_TOKEN:
        return ids(kind, () -> oauth2.oauth2RefreshTokensList().user(user).provider(provider).pageSize(PAGE_SIZE)
            .iterateAll(), RefreshToken::getPk, RefreshToken::getUser, RefreshToken::getProvider);
      case ACCESS_TOKEN:
        return ids(kind, () -> oauth2.oauth2AccessTokensList().user(user).provider(provider).pageSize(PAGE_SIZE)
            .iterateAll(), AccessToken::getPk, AccessToken::getUser, AccessToken::getProvider);
      case AUTHORIZATION_CODE:
        return ids(kind, () -> oauth2.oauth2AuthorizationCodesList().user(user).provider(provider)
            .pageSize(PAGE_SIZE).iterateAll(), AuthorizationCode::getPk, AuthorizationCode::getUser,
            AuthorizationCode::getProvider);
      default:
        throw new IllegalArgumentException("kind " + kind);
    }
  }

  /** Deletes one grant; the future fails with the call's {@link ApiException}. */
  CompletableFuture<Void> delete(TokenId token) {
    switch (token.kind) {
      case REFRESH_TOKEN:
        return oauth2.oauth2RefreshTokensDestroyAsync(token.id);
      case ACCESS_TOKEN:
        return oauth2.oauth2AccessTokensDestroyAsync(token.id);
      case AUTHORIZATION_CODE:
        return oauth2.oauth2AuthorizationCodesDestroyAsync(token.id);
      default:
        throw new IllegalArgumentException("kind " + token.kind);
    }
  }

  /** Such as "refresh token", for messages. */
  static String describe(TokenKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private <T> List<Integer> ids(TokenKind kind, Supplier<PagedIterable<T>> list,
      Function<T, Integer> pk, Function<T, User> owner, Function<T, OAuth2Provider> issuer) {
    for (int walk = 1; ; walk++) {
      // A set: a grant added while the list is walked pushes the others back, so one of them can
      // show on two pages.
      Set<Integer> ids = new LinkedHashSet<>();
      int pages = 0;
      try {
        for (Page<T> page : list.get().byPage()) {
          pages++;
          for (T grant : page.getResults()) {
            ids.add(check(kind, grant, pk, owner, issuer));
          }
        }
        return new ArrayList<>(ids);
      } catch (NotFoundException e) {
        // A later page that is gone means the list shrank while it was walked (someone else is
        // deleting too): walk it again. A missing first page is another problem: report it.
        if (pages == 0 || walk == WALKS) {
          throw e;
        }
      }
    }
  }

  /**
   * The grant's id, once it is certain the grant is the user's (and the provider's): a grant whose
   * owner or provider the answer does not show is refused like another user's, since a server that
   * dropped the filter may send exactly that.
   */
  private <T> int check(TokenKind kind, T grant, Function<T, Integer> pk, Function<T, User> owner,
      Function<T, OAuth2Provider> issuer) {
    if (grant == null) {
      throw malformed("The " + describe(kind) + " list for user " + user + " holds null instead of a "
          + describe(kind));
    }
    Integer id = pk.apply(grant);
    if (id == null) {
      throw malformed("The " + describe(kind) + " list for user " + user + " holds a " + describe(kind)
          + " without a pk");
    }
    Integer ownerPk = owner.apply(grant) != null ? owner.apply(grant).getPk() : null;
    if (ownerPk == null || ownerPk != user) {
      throw ignoredFilter(kind, id, ownerPk == null ? "an unknown user" : "user " + ownerPk);
    }
    if (provider != null) {
      Integer issuerPk = issuer.apply(grant) != null ? issuer.apply(grant).getPk() : null;
      if (!provider.equals(issuerPk)) {
        throw ignoredFilter(kind, id, issuerPk == null ? "an unknown provider" : "provider " + issuerPk);
      }
    }
    return id;
  }

  private MalformedResponseException ignoredFilter(TokenKind kind, int id, String whose) {
    return malformed("The " + describe(kind) + " list for user " + user
        + (provider != null ? " and provider " + provider : "") + " holds " + describe(kind) + " " + id + " of "
        + whose + ": the server did not apply the filter (or does not say whose it is), so nothing it lists is deleted");
  }

  private static MalformedResponseException malformed(String message) {
    return new MalformedResponseException(message, 200, Map.of());
  }
}
