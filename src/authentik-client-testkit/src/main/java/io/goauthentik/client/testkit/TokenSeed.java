package io.goauthentik.client.testkit;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token to add to a {@link FakeAuthentik}, from {@link FakeAuthentik#newToken(String)}: set its
 * owner, change what the defaults do not fit, then {@link #add()}. The defaults: an {@code api}
 * token, no description, a random key, expiring 30 minutes after {@link #add()} (authentik 2024.2's
 * fixed token duration; later releases take it from the {@code default_token_duration} setting).
 *
 * <pre>{@code
 * String ci = fake.newToken("ci").user(jane).key("s3cr3t").expires(Instant.parse("2030-01-01T00:00:00Z")).add();
 * }</pre>
 *
 * <p>{@code view_key} reveals the key; nothing else sends it. Not thread-safe; {@link #add()} is.
 */
public final class TokenSeed {
  private static final Duration DEFAULT_DURATION = Duration.ofMinutes(30);

  private final FakeAuthentik fake;
  private final String identifier;
  private Integer user;
  private String key;
  private String intent = "api";
  private String description;
  private boolean expiring = true;
  private Instant expires;

  TokenSeed(FakeAuthentik fake, String identifier) {
    this.fake = fake;
    this.identifier = identifier;
  }

  /**
   * The owner ({@code user}); required.
   *
   * @param pk a user's pk, such as what {@link UserSeed#add()} returned
   * @return this seed
   */
  public TokenSeed user(int pk) {
    this.user = pk;
    return this;
  }

  /**
   * The secret that {@code view_key} reveals; random by default. SDK models never print it.
   *
   * @param key not blank
   * @return this seed
   */
  public TokenSeed key(String key) {
    if (Objects.requireNonNull(key, "key").isBlank()) {
      throw new IllegalArgumentException("key must not be blank");
    }
    this.key = key;
    return this;
  }

  /**
   * What the token is for ({@code intent}); {@code api} by default.
   *
   * @param intent such as {@code api}, {@code app_password}, {@code recovery} or {@code verification}
   * @return this seed
   */
  public TokenSeed intent(String intent) {
    this.intent = Objects.requireNonNull(intent, "intent");
    return this;
  }

  /**
   * The description ({@code description}); none by default.
   *
   * @param description such as {@code CI deployments}
   * @return this seed
   */
  public TokenSeed description(String description) {
    this.description = Objects.requireNonNull(description, "description");
    return this;
  }

  /**
   * When the token expires ({@code expires}, and {@code expiring} true); 30 minutes after
   * {@link #add()} by default.
   *
   * @param expires the time, or {@code null} for a token that never expires ({@code expiring} false;
   *     {@code expires} is then null, or what the release fills in where it may not be null)
   * @return this seed
   */
  public TokenSeed expires(Instant expires) {
    this.expires = expires;
    this.expiring = expires != null;
    return this;
  }

  /**
   * Adds the token to the fake.
   *
   * @return its identifier
   * @throws IllegalStateException when no owner was set with {@link #user(int)}
   * @throws IllegalArgumentException when the identifier is blank or taken, the owner does not exist,
   *     or the release has no such intent
   */
  public String add() {
    if (identifier == null || identifier.isBlank()) {
      throw new IllegalArgumentException("a token's identifier must not be blank, was "
          + (identifier == null ? "null" : "\"" + identifier + "\""));
    }
    if (user == null) {
      throw new IllegalStateException("set the token's owner with user(pk) first");
    }
    if (!fake.exists("/core/users/", String.valueOf(user))) {
      throw new IllegalArgumentException("no user with pk " + user + "; add it with addUser first");
    }
    JsonObject token = new JsonObject();
    token.addProperty("identifier", identifier);
    token.addProperty("user", user);
    token.addProperty("intent", intent);
    if (description != null) {
      token.addProperty("description", description);
    }
    token.addProperty("expiring", expiring);
    if (expiring) {
      token.add("expires", Json.time(expires != null ? expires : fake.now().plus(DEFAULT_DURATION)));
    }
    if (key != null) {
      token.addProperty("key", key);
    }
    return fake.add("/core/tokens/", token);
  }

  /** Shows the identifier only, never the key. */
  @Override
  public String toString() {
    return "TokenSeed{identifier=" + identifier + "}";
  }
}
