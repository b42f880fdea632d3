package io.goauthentik.client.testkit;

import io.goauthentik.client.revocation.TokenKind;
import java.time.Duration;

/** What the fake knows about each kind of grant: its path, its model's name, its default lifetime. */
enum GrantType {
  REFRESH_TOKEN(TokenKind.REFRESH_TOKEN, "refresh_tokens", "RefreshToken", Duration.ofDays(30), true),
  ACCESS_TOKEN(TokenKind.ACCESS_TOKEN, "access_tokens", "AccessToken", Duration.ofHours(1), true),
  AUTHORIZATION_CODE(TokenKind.AUTHORIZATION_CODE, "authorization_codes", "AuthorizationCode", Duration.ofMinutes(1), false);

  final TokenKind kind;
  /** The path segment below {@code /api/v3/oauth2/}. */
  final String path;
  /** The Django model's name, as in {@code No RefreshToken matches the given query.} */
  final String model;
  /** authentik's default validity of the provider setting for this kind. */
  final Duration validity;
  /** Whether the serializer is authentik's {@code TokenModelSerializer} (id_token, revoked) or the plain grant one. */
  final boolean isToken;

  GrantType(TokenKind kind, String path, String model, Duration validity, boolean isToken) {
    this.kind = kind;
    this.path = path;
    this.model = model;
    this.validity = validity;
    this.isToken = isToken;
  }

  static GrantType of(TokenKind kind) {
    for (GrantType type : values()) {
      if (type.kind == kind) {
        return type;
      }
    }
    throw new NullPointerException("kind");
  }

  /** The type whose path segment is {@code path}, or null. */
  static GrantType byPath(String path) {
    for (GrantType type : values()) {
      if (type.path.equals(path)) {
        return type;
      }
    }
    return null;
  }
}
