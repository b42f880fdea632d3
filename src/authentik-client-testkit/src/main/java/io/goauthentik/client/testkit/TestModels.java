package io.goauthentik.client.testkit;

import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.PaginatedAccessTokenList;
import io.goauthentik.client.model.PaginatedAuthorizationCodeList;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.RefreshToken;
import java.util.Objects;

/**
 * SDK models for unit tests, without a server: each method returns a builder with realistic
 * defaults (user {@code jdoe}, {@code Provider for Grafana}, a refresh token expiring in 30 days, ...);
 * {@code build()} makes a real, immutable SDK instance by reading the builder's JSON with the
 * model's own {@code fromJson}, as the SDK reads a response; {@code toJson()} gives that JSON.
 *
 * <pre>{@code
 * RefreshToken token = TestModels.refreshToken().pk(42)
 *     .user(TestModels.user().username("jdoe"))
 *     .provider(TestModels.provider().name("Provider for Jellyfin").generic())
 *     .expires(OffsetDateTime.now().minusDays(1))
 *     .build();
 * }</pre>
 *
 * <p>Each call returns a new builder; builders are not thread-safe.
 */
public final class TestModels {
  private TestModels() {
  }

  /**
   * A refresh token: pk 42, of {@link #user()} at {@link #provider()}, expiring in 30 days.
   *
   * @return a new builder
   */
  public static TokenBuilder<RefreshToken> refreshToken() {
    return TokenBuilder.refreshToken();
  }

  /**
   * An access token: pk 118, of {@link #user()} at {@link #provider()}, expiring in an hour.
   *
   * @return a new builder
   */
  public static TokenBuilder<AccessToken> accessToken() {
    return TokenBuilder.accessToken();
  }

  /**
   * An authorization code: pk 266, of {@link #user()} at {@link #provider()}, expiring in a minute.
   *
   * @return a new builder
   */
  public static AuthorizationCodeBuilder authorizationCode() {
    return new AuthorizationCodeBuilder();
  }

  /**
   * A user: pk 7, {@code jdoe}, {@code Jane Doe}, active, internal, in no group.
   *
   * @return a new builder
   */
  public static UserBuilder user() {
    return new UserBuilder();
  }

  /**
   * An OAuth2 provider: pk 3, {@code Provider for Grafana}, confidential, one strict redirect URI.
   *
   * @return a new builder
   */
  public static OAuth2ProviderBuilder provider() {
    return new OAuth2ProviderBuilder();
  }

  /**
   * A group: {@code Platform Team}, no parent.
   *
   * @return a new builder
   */
  public static GroupBuilder group() {
    return new GroupBuilder();
  }

  /**
   * A role: {@code Token Auditors}.
   *
   * @return a new builder
   */
  public static RoleBuilder role() {
    return new RoleBuilder();
  }

  /**
   * An entry of a used_by answer: an object that deleting would {@code cascade} to.
   *
   * @return a new builder
   */
  public static UsedByBuilder usedBy() {
    return new UsedByBuilder();
  }

  /**
   * A page of refresh tokens: page 1 of 1, holding the results you give.
   *
   * @return a new builder
   */
  public static PageBuilder<PaginatedRefreshTokenList, TokenBuilder<RefreshToken>> refreshTokenPage() {
    return PageBuilder.refreshTokens();
  }

  /**
   * A page of access tokens: page 1 of 1, holding the results you give.
   *
   * @return a new builder
   */
  public static PageBuilder<PaginatedAccessTokenList, TokenBuilder<AccessToken>> accessTokenPage() {
    return PageBuilder.accessTokens();
  }

  /**
   * A page of authorization codes: page 1 of 1, holding the results you give.
   *
   * @return a new builder
   */
  public static PageBuilder<PaginatedAuthorizationCodeList, AuthorizationCodeBuilder> authorizationCodePage() {
    return PageBuilder.authorizationCodes();
  }

  /** An enum constant's wire value; its UNKNOWN constant has none. */
  static String wireValue(Enum<?> constant, String value) {
    Objects.requireNonNull(constant, "value");
    if (value == null) {
      throw new IllegalArgumentException(constant + " has no wire value; set(\"<property>\", \"<raw value>\") sends "
          + "a value this SDK does not know");
    }
    return value;
  }
}
