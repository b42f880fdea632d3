package io.goauthentik.client.testkit;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Builds a {@link RefreshToken} ({@link TestModels#refreshToken()}: pk 42, expiring in 30 days) or an
 * {@link AccessToken} ({@link TestModels#accessToken()}: pk 118, expiring in an hour), of
 * {@link TestModels#user()} at {@link TestModels#provider()} by default, scope
 * {@code openid profile email offline_access}, not revoked, with an {@code id_token}: unless set,
 * the claims authentik would write for that user, provider and expiry, as the indented JSON
 * document authentik sends.
 *
 * @param <T> {@link RefreshToken} or {@link AccessToken}
 */
public final class TokenBuilder<T> extends GrantBuilder<T, TokenBuilder<T>> {
  private static final Gson INDENTED = new GsonBuilder().disableHtmlEscaping()
      .setFormattingStyle(FormattingStyle.PRETTY.withIndent("    ")).create();

  private final ModelReader<T> reader;

  private TokenBuilder(int pk, Duration validity, ModelReader<T> reader) {
    super(pk, validity);
    this.reader = reader;
    json.addProperty("id_token", "");
    json.addProperty("revoked", false);
  }

  static TokenBuilder<RefreshToken> refreshToken() {
    return new TokenBuilder<>(42, Duration.ofDays(30), RefreshToken::fromJson);
  }

  static TokenBuilder<AccessToken> accessToken() {
    return new TokenBuilder<>(118, Duration.ofHours(1), AccessToken::fromJson);
  }

  /**
   * Whether the token was revoked; false by default.
   *
   * @param revoked true for a revoked token
   * @return this builder
   */
  public TokenBuilder<T> revoked(boolean revoked) {
    return put("revoked", new JsonPrimitive(revoked));
  }

  /**
   * The {@code id_token} as the server sends it, instead of the claims derived from user, provider
   * and expiry; the model's {@code toString()} never prints it.
   *
   * @param idToken a JSON document of claims (as authentik sends it), a compact JWT, or anything else
   * @return this builder
   */
  public TokenBuilder<T> idToken(String idToken) {
    return put("id_token", new JsonPrimitive(Objects.requireNonNull(idToken, "idToken")));
  }

  @Override
  JsonObject json() {
    JsonObject json = super.json();
    if (!isSet("id_token")) {
      json.addProperty("id_token", INDENTED.toJson(claims(json)));
    }
    return json;
  }

  /** The claims authentik writes: IDToken's fields in its order, then the scope claims. */
  private JsonObject claims(JsonObject token) {
    JsonObject user = userJson();
    JsonObject provider = providerJson();
    Instant now = issued;
    JsonElement expires = token.get("expires");
    long exp;
    try {
      exp = expires == null || expires.isJsonNull() ? now.getEpochSecond()
          : OffsetDateTime.parse(expires.getAsString()).toEpochSecond();
    } catch (RuntimeException notATime) {
      exp = now.getEpochSecond();
    }
    JsonObject claims = new JsonObject();
    claims.addProperty("iss", "https://authentik.example.com/application/o/" + text(provider, "assigned_application_slug") + "/");
    claims.addProperty("sub", text(user, "uid"));
    claims.addProperty("aud", provider.has("client_id") ? text(provider, "client_id") : text(provider, "name"));
    claims.addProperty("exp", exp);
    claims.addProperty("iat", now.getEpochSecond());
    claims.addProperty("auth_time", now.getEpochSecond() - 7);
    claims.addProperty("acr", "goauthentik.io/providers/oauth2/default");
    JsonArray amr = new JsonArray();
    amr.add("pwd");
    claims.add("amr", amr);
    claims.addProperty("nonce", "fake-nonce-0_pEM2CZ120XTBy");
    claims.addProperty("sid", "fake-session-0ff038a42bfe0a0fce4a2cb0e3e8cf672e83e5d8826d5476b76fac5a3");
    claims.addProperty("email", text(user, "email"));
    claims.addProperty("email_verified", false);
    claims.addProperty("name", text(user, "name"));
    claims.addProperty("given_name", text(user, "name"));
    claims.addProperty("preferred_username", text(user, "username"));
    claims.addProperty("nickname", text(user, "username"));
    JsonArray groups = new JsonArray();
    JsonElement groupsObj = user.get("groups_obj");
    if (groupsObj != null && groupsObj.isJsonArray()) {
      for (JsonElement group : groupsObj.getAsJsonArray()) {
        if (group.isJsonObject() && group.getAsJsonObject().has("name")) {
          groups.add(group.getAsJsonObject().get("name"));
        }
      }
    }
    claims.add("groups", groups);
    return claims;
  }

  private static String text(JsonObject object, String property) {
    JsonElement value = object.get(property);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  @Override
  T read(JsonReader in) throws IOException {
    return reader.read(in);
  }

  /** A model's {@code fromJson}. */
  @FunctionalInterface
  interface ModelReader<T> {
    T read(JsonReader in) throws IOException;
  }
}
