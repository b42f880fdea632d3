package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserTypeEnum;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds a {@link User} with realistic defaults, from {@link TestModels#user()}: pk 7, username
 * {@code jdoe}, name {@code Jane Doe}, email {@code jdoe@example.com} (both follow the username
 * unless set), an active internal non-superuser in no group and no role, joined 90 days ago, last
 * login an hour ago, with every property the newest releases send.
 */
public final class UserBuilder extends ModelBuilder<User, UserBuilder> {
  UserBuilder() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant joined = now.minus(Duration.ofDays(90));
    json.addProperty("pk", 7);
    json.addProperty("username", "jdoe");
    json.addProperty("name", "Jane Doe");
    json.addProperty("is_active", true);
    json.add("last_login", Json.time(now.minus(Duration.ofHours(1))));
    json.add("date_joined", Json.time(joined));
    json.addProperty("is_superuser", false);
    json.add("groups", new JsonArray());
    json.add("groups_obj", new JsonArray());
    json.add("roles", new JsonArray());
    json.add("roles_obj", new JsonArray());
    json.addProperty("email", "jdoe@example.com");
    json.addProperty("avatar", Json.avatar("Jane Doe"));
    json.add("attributes", new JsonObject());
    json.addProperty("uid", "e33e8c3e8b1f6e3f39bb9f5d8a2a1d8e1fd64d3e1c4c1a8b6d7a9e0f2b4c6d8e");
    json.addProperty("path", "users");
    json.addProperty("type", "internal");
    json.addProperty("uuid", Json.uuid("user", 7).toString());
    json.add("password_change_date", Json.time(joined));
    json.add("last_updated", Json.time(now.minus(Duration.ofHours(1))));
  }

  /**
   * The pk; 7 by default.
   *
   * @param pk the user's id
   * @return this builder
   */
  public UserBuilder pk(int pk) {
    return put("pk", new JsonPrimitive(pk));
  }

  /**
   * The username; {@code jdoe} by default. Unless set themselves, the name becomes the username and
   * the email {@code <username>@example.com}.
   *
   * @param username such as {@code alice}
   * @return this builder
   */
  public UserBuilder username(String username) {
    put("username", new JsonPrimitive(Objects.requireNonNull(username, "username")));
    derive("name", new JsonPrimitive(username));
    derive("email", new JsonPrimitive(username.contains("@") ? username
        : username.toLowerCase(Locale.ROOT) + "@example.com"));
    derive("avatar", new JsonPrimitive(Json.avatar(username)));
    return this;
  }

  /**
   * The display name.
   *
   * @param name such as {@code Jane Doe}
   * @return this builder
   */
  public UserBuilder name(String name) {
    put("name", new JsonPrimitive(Objects.requireNonNull(name, "name")));
    derive("avatar", new JsonPrimitive(Json.avatar(name)));
    return this;
  }

  /**
   * The email address.
   *
   * @param email such as {@code jane@example.com}
   * @return this builder
   */
  public UserBuilder email(String email) {
    return put("email", new JsonPrimitive(Objects.requireNonNull(email, "email")));
  }

  /**
   * Whether the user may log in ({@code is_active}); true by default.
   *
   * @param active false for a deactivated user
   * @return this builder
   */
  public UserBuilder active(boolean active) {
    return put("is_active", new JsonPrimitive(active));
  }

  /**
   * Whether the user is a superuser ({@code is_superuser}); false by default.
   *
   * @param superuser true for an administrator
   * @return this builder
   */
  public UserBuilder superuser(boolean superuser) {
    return put("is_superuser", new JsonPrimitive(superuser));
  }

  /**
   * The kind of user; {@link UserTypeEnum#INTERNAL} by default. For a value this SDK does not know,
   * {@code set("type", "...")}.
   *
   * @param type any constant but {@link UserTypeEnum#UNKNOWN}
   * @return this builder
   */
  public UserBuilder type(UserTypeEnum type) {
    return put("type", new JsonPrimitive(TestModels.wireValue(type, type == null ? null : type.getValue())));
  }

  /**
   * When the user last logged in.
   *
   * @param lastLogin the time, or {@code null} for a user who never logged in
   * @return this builder
   */
  public UserBuilder lastLogin(OffsetDateTime lastLogin) {
    return put("last_login", toJsonValue(lastLogin));
  }

  /**
   * The user's groups ({@code groups} and {@code groups_obj}), replacing those set before.
   *
   * @param groups such as {@code TestModels.group().name("authentik Admins")}
   * @return this builder
   */
  public UserBuilder groups(GroupBuilder... groups) {
    List<GroupBuilder> list = Arrays.asList(groups.clone());
    JsonArray pks = new JsonArray();
    list.forEach(group -> pks.add(group.json().get("pk")));
    put("groups", pks);
    return put("groups_obj", jsonOf(list));
  }

  /**
   * The user's roles ({@code roles} and {@code roles_obj}), replacing those set before.
   *
   * @param roles such as {@code TestModels.role().name("Token Auditors")}
   * @return this builder
   */
  public UserBuilder roles(RoleBuilder... roles) {
    List<RoleBuilder> list = Arrays.asList(roles.clone());
    JsonArray pks = new JsonArray();
    list.forEach(role -> pks.add(role.json().get("pk")));
    put("roles", pks);
    return put("roles_obj", jsonOf(list));
  }

  /**
   * Sets one of the user's free-form {@code attributes}.
   *
   * @param key such as {@code locale}
   * @param value a String, Number, Boolean or {@code null}
   * @return this builder
   */
  public UserBuilder attribute(String key, Object value) {
    JsonObject attributes = json.get("attributes") instanceof JsonObject ? json.getAsJsonObject("attributes")
        : new JsonObject();
    attributes.add(Objects.requireNonNull(key, "key"), value == null ? JsonNull.INSTANCE : toJsonValue(value));
    return put("attributes", attributes);
  }

  @Override
  User read(JsonReader in) throws IOException {
    return User.fromJson(in);
  }
}
