package io.goauthentik.tokens;

import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.User;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models as the tool prints them: ordered maps with the API's snake_case property names, the
 * same for every output format. The properties are fixed and documented in README ("JSON
 * output"); a property the server did not send is {@code null}, never left out. The user is
 * reduced to who it is (no {@code attributes}: admins keep anything there) and the provider to
 * which one it is. {@code client_secret} and {@code id_token} are {@code "****"} unless the run
 * shows secrets.
 */
final class Records {
  /** What a secret prints as, as in the models' {@code toString()}. */
  static final String MASK = "****";

  private final boolean showSecrets;

  Records(boolean showSecrets) {
    this.showSecrets = showSecrets;
  }

  Map<String, Object> refreshToken(RefreshToken token) {
    Map<String, Object> record = grant(token.getPk(), token.getUser(), token.getProvider(), token.getScope(),
        token.getExpires(), token.getIsExpired());
    record.put("revoked", token.getRevoked());
    record.put("id_token", secret(token.getIdToken()));
    return record;
  }

  Map<String, Object> accessToken(AccessToken token) {
    Map<String, Object> record = grant(token.getPk(), token.getUser(), token.getProvider(), token.getScope(),
        token.getExpires(), token.getIsExpired());
    record.put("revoked", token.getRevoked());
    record.put("id_token", secret(token.getIdToken()));
    return record;
  }

  Map<String, Object> authorizationCode(AuthorizationCode code) {
    return grant(code.getPk(), code.getUser(), code.getProvider(), code.getScope(), code.getExpires(),
        code.getIsExpired());
  }

  Map<String, Object> usedBy(UsedBy usedBy) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("app", usedBy.getApp());
    record.put("model_name", usedBy.getModelName());
    record.put("pk", usedBy.getPk());
    record.put("name", usedBy.getName());
    record.put("action", usedBy.getActionRaw());
    return record;
  }

  /**
   * What happened to one grant a revoke handled.
   *
   * @param status {@code revoked}, {@code already_gone}, {@code not_found}, {@code would_revoke} or
   *     {@code remaining}
   */
  static Map<String, Object> outcome(TokenKind kind, int pk, String status) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("kind", kindName(kind));
    record.put("pk", pk);
    record.put("status", status);
    return record;
  }

  /** Such as {@code refresh_token}: the kind as JSON names it. */
  static String kindName(TokenKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Such as {@code refresh token}, for messages. */
  static String noun(TokenKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Such as {@code refresh tokens}, for messages. */
  static String plural(TokenKind kind) {
    return noun(kind) + "s";
  }

  /** An instant in UTC with seconds, such as {@code 2026-05-01T12:00:00Z}; {@code null} stays {@code null}. */
  static String time(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  private Map<String, Object> grant(Integer pk, User user, OAuth2Provider provider, List<String> scope,
      OffsetDateTime expires, Boolean isExpired) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("pk", pk);
    record.put("user", user(user));
    record.put("provider", provider(provider));
    record.put("scope", scope);
    record.put("expires", time(expires));
    record.put("is_expired", isExpired);
    return record;
  }

  private static Map<String, Object> user(User user) {
    if (user == null) {
      return null;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("pk", user.getPk());
    record.put("username", user.getUsername());
    record.put("name", user.getName());
    record.put("email", user.getEmail());
    record.put("is_active", user.getIsActive());
    return record;
  }

  private Map<String, Object> provider(OAuth2Provider provider) {
    if (provider == null) {
      return null;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("pk", provider.getPk());
    record.put("name", provider.getName());
    record.put("assigned_application_slug", provider.getAssignedApplicationSlug());
    record.put("client_id", provider.getClientId());
    record.put("client_secret", secret(provider.getClientSecret()));
    return record;
  }

  private String secret(String value) {
    return value == null || showSecrets ? value : MASK;
  }
}
