package io.goauthentik.client.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A refresh token, access token or authorization code to add to a {@link FakeAuthentik}, from
 * {@link FakeAuthentik#newRefreshToken}, {@link FakeAuthentik#newAccessToken} or
 * {@link FakeAuthentik#newAuthorizationCode}: change what the defaults do not fit, then
 * {@link #add()}. The defaults: issued at {@link #add()}, expiring after authentik's default validity
 * (refresh token 30 days, access token an hour, authorization code a minute), scope
 * {@code openid profile email offline_access}, not revoked; tokens carry an id_token.
 *
 * <pre>{@code
 * int stale = fake.newRefreshToken(jdoe, grafana).expiresAt(Instant.now().minus(Duration.ofDays(2)))
 *     .scope("openid", "email").revoked(true).add();
 * }</pre>
 *
 * <p>{@code is_expired} is computed when the fake answers, from the fake's clock. Not thread-safe;
 * {@link #add()} is.
 */
public final class GrantSeed {
  private static final List<String> DEFAULT_SCOPE = List.of("openid", "profile", "email", "offline_access");

  private final FakeState state;
  final GrantType type;
  final int user;
  final int provider;
  boolean expiresSet;
  Instant expires;
  Duration expiresIn;
  List<String> scope = DEFAULT_SCOPE;
  boolean revoked;

  GrantSeed(FakeState state, GrantType type, int user, int provider) {
    this.state = state;
    this.type = type;
    this.user = user;
    this.provider = provider;
  }

  /**
   * When it expires.
   *
   * @param expires any time, past ones included; {@code null} for a grant that never expires
   *     (authentik allows it and sends {@code "expires": null})
   * @return this seed
   */
  public GrantSeed expiresAt(Instant expires) {
    this.expiresSet = true;
    this.expires = expires;
    this.expiresIn = null;
    return this;
  }

  /**
   * When it expires, from the time of {@link #add()} on the fake's clock.
   *
   * @param validity such as {@code Duration.ofDays(7)}; negative for one that expired already
   * @return this seed
   */
  public GrantSeed expiresIn(Duration validity) {
    this.expiresIn = Objects.requireNonNull(validity, "validity");
    this.expiresSet = false;
    return this;
  }

  /**
   * The scopes granted.
   *
   * @param scopes such as {@code "openid", "email"}; none for an empty scope
   * @return this seed
   */
  public GrantSeed scope(String... scopes) {
    List<String> list = Arrays.asList(scopes.clone());
    list.forEach(s -> Objects.requireNonNull(s, "a scope"));
    this.scope = List.copyOf(list);
    return this;
  }

  /**
   * Whether the token was revoked (authentik keeps a refresh token it rotated, revoked).
   *
   * @param revoked true for a revoked token
   * @return this seed
   * @throws IllegalStateException for an authorization code: codes have no {@code revoked}
   */
  public GrantSeed revoked(boolean revoked) {
    if (!type.isToken) {
      throw new IllegalStateException("an authorization code has no revoked flag; authentik deletes a code once it is used");
    }
    this.revoked = revoked;
    return this;
  }

  /**
   * Adds the grant to the fake.
   *
   * @return its pk; each kind numbers its own from 1, as authentik's tables do
   * @throws IllegalArgumentException when the user or the provider does not exist
   */
  public int add() {
    return state.addGrant(this);
  }

  /** Shows the kind, user and provider. */
  @Override
  public String toString() {
    return "GrantSeed{" + type.model + ", user=" + user + ", provider=" + provider + "}";
  }
}
