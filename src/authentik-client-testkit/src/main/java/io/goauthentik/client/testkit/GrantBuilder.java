package io.goauthentik.client.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the builders of a refresh token, access token and authorization code share: pk, provider,
 * user, expiry and scope. {@code is_expired} follows {@code expires} (compared with the time of
 * {@link #build()}) unless set with {@link #expired(boolean)}.
 *
 * @param <T> the model built
 * @param <B> the builder itself, for chaining
 */
public abstract class GrantBuilder<T, B extends GrantBuilder<T, B>> extends ModelBuilder<T, B> {
  private OAuth2ProviderBuilder provider = TestModels.provider();
  private UserBuilder user = TestModels.user();
  /** When the builder was made: the grant's issue time, so each build gives the same JSON. */
  final Instant issued = Instant.now().truncatedTo(ChronoUnit.MICROS);

  GrantBuilder(int pk, Duration validity) {
    json.addProperty("pk", pk);
    json.add("provider", new JsonObject());
    json.add("user", new JsonObject());
    json.addProperty("is_expired", false);
    json.add("expires", Json.time(issued.plus(validity)));
    json.add("scope", Json.strings(Arrays.asList("openid", "profile", "email", "offline_access")));
  }

  /**
   * The pk.
   *
   * @param pk the grant's id
   * @return this builder
   */
  public final B pk(int pk) {
    return put("pk", new JsonPrimitive(pk));
  }

  /**
   * The provider that issued it; {@link TestModels#provider()} by default. The builder is read when
   * this one builds, so later changes to it show.
   *
   * @param provider such as {@code TestModels.provider().name("Provider for Jellyfin")}
   * @return this builder
   */
  public final B provider(OAuth2ProviderBuilder provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
    return self();
  }

  /**
   * Whose it is; {@link TestModels#user()} by default.
   *
   * @param user such as {@code TestModels.user().username("alice")}
   * @return this builder
   */
  public final B user(UserBuilder user) {
    this.user = Objects.requireNonNull(user, "user");
    return self();
  }

  /**
   * When it expires; by default its kind's validity after now.
   *
   * @param expires the time, or {@code null} for one that never expires
   * @return this builder
   */
  public final B expires(OffsetDateTime expires) {
    return put("expires", toJsonValue(expires));
  }

  /**
   * What the server says in {@code is_expired}, whatever {@code expires} says; by default whether
   * {@code expires} is past when {@link #build()} runs.
   *
   * @param expired the flag
   * @return this builder
   */
  public final B expired(boolean expired) {
    return put("is_expired", new JsonPrimitive(expired));
  }

  /**
   * The scopes granted; {@code openid profile email offline_access} by default.
   *
   * @param scopes such as {@code "openid", "email"}
   * @return this builder
   */
  public final B scope(String... scopes) {
    Arrays.asList(scopes).forEach(s -> Objects.requireNonNull(s, "a scope"));
    return put("scope", Json.strings(Arrays.asList(scopes)));
  }

  @Override
  JsonObject json() {
    if (!isSet("provider")) {
      json.add("provider", provider.json().deepCopy());
    }
    if (!isSet("user")) {
      json.add("user", user.json().deepCopy());
    }
    JsonElement expires = json.get("expires");
    if (!isSet("is_expired") && expires != null && !expires.isJsonNull()) {
      try {
        json.addProperty("is_expired", OffsetDateTime.parse(expires.getAsString()).toInstant().isBefore(Instant.now()));
      } catch (RuntimeException notATime) {
        // set(...) to something that is no time: reading will say so
      }
    }
    return json;
  }

  JsonObject providerJson() {
    return provider.json();
  }

  JsonObject userJson() {
    return user.json();
  }
}
