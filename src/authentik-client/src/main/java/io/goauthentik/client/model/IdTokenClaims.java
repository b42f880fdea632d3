package io.goauthentik.client.model;

import com.google.gson.stream.JsonReader;
import io.goauthentik.client.internal.FreeForm;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The claims of an ID token, as {@code RefreshToken#getIdTokenClaims()} and
 * {@code AccessToken#getIdTokenClaims()} read them: the standard claims typed, every claim by name.
 *
 * <p>authentik sends a token's {@code id_token} as a JSON document of its claims (an indented
 * {@code json.dumps}), not as a signed JWT; the payload of a compact JWT is read too, should a server
 * send one. Its {@code toString()} shows the subject, issuer, audience and times, and only the
 * names of the other claims: email, name and groups are personal data.
 */
public final class IdTokenClaims {
  private final Map<String, Object> claims;

  private IdTokenClaims(Map<String, Object> claims) {
    this.claims = claims;
  }

  /** The claims of {@code idToken}, or {@code null} when it is null or neither a JSON object nor a JWT. */
  static IdTokenClaims parse(String idToken) {
    if (idToken == null) {
      return null;
    }
    String text = idToken.strip();
    if (!text.startsWith("{")) {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 3) {
        return null;
      }
      try {
        text = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    try {
      Map<String, Object> claims = FreeForm.readFreeForm(new JsonReader(new StringReader(text)));
      return claims == null ? null : new IdTokenClaims(claims);
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /**
   * The subject: the user, as the provider's {@code sub_mode} identifies it.
   *
   * @return {@code sub}, or {@code null} when absent
   */
  @Nullable
  public String getSub() {
    return string("sub");
  }

  /**
   * The issuer.
   *
   * @return {@code iss}, such as {@code https://auth.example.com/application/o/grafana/}
   */
  @Nullable
  public String getIss() {
    return string("iss");
  }

  /**
   * The audience: authentik sends one string or an array.
   *
   * @return {@code aud} as an unmodifiable list (one item for a string), or {@code null} when absent
   */
  @Nullable
  public List<String> getAud() {
    Object aud = claims.get("aud");
    if (aud instanceof List) {
      return ((List<?>) aud).stream().map(String::valueOf).collect(Collectors.toUnmodifiableList());
    }
    return aud == null ? null : List.of(String.valueOf(aud));
  }

  /**
   * When the ID token expires.
   *
   * @return {@code exp}, or {@code null} when absent or not a number
   */
  @Nullable
  public Instant getExp() {
    return instant("exp");
  }

  /**
   * When the ID token was issued.
   *
   * @return {@code iat}, or {@code null} when absent or not a number
   */
  @Nullable
  public Instant getIat() {
    return instant("iat");
  }

  /**
   * When the user authenticated.
   *
   * @return {@code auth_time}, or {@code null} when absent or not a number
   */
  @Nullable
  public Instant getAuthTime() {
    return instant("auth_time");
  }

  /**
   * One claim by name, as JSON has it: a String, Long or Double, Boolean, an unmodifiable List or
   * Map, or {@code null}.
   *
   * @param name such as {@code preferred_username} or {@code groups}
   * @return the value, or {@code null} when absent
   */
  @Nullable
  public Object get(String name) {
    return claims.get(name);
  }

  /**
   * Every claim.
   *
   * @return an unmodifiable map, in the order the token lists them
   */
  public Map<String, Object> asMap() {
    return claims;
  }

  @Nullable
  private String string(String name) {
    Object value = claims.get(name);
    return value == null ? null : String.valueOf(value);
  }

  @Nullable
  private Instant instant(String name) {
    Object value = claims.get(name);
    return value instanceof Number ? Instant.ofEpochSecond(((Number) value).longValue()) : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdTokenClaims && claims.equals(((IdTokenClaims) o).claims);
  }

  @Override
  public int hashCode() {
    return Objects.hash(claims);
  }

  /** The subject, issuer, audience and times; of the other claims only their names. */
  @Override
  public String toString() {
    Set<String> others = new LinkedHashSet<>(claims.keySet());
    others.removeAll(List.of("sub", "iss", "aud", "exp", "iat", "auth_time"));
    return "IdTokenClaims{sub=" + getSub() + ", iss=" + getIss() + ", aud=" + getAud() + ", exp=" + getExp()
        + ", iat=" + getIat() + ", authTime=" + getAuthTime() + ", other claims=" + others + "}";
  }
}
