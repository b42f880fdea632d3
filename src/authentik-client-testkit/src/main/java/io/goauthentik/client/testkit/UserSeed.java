package io.goauthentik.client.testkit;

import io.goauthentik.client.model.UserTypeEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user to add to a {@link FakeAuthentik}, from {@link FakeAuthentik#newUser(String)}: change what
 * the defaults do not fit, then {@link #add()}. The defaults: an active, internal, non-superuser
 * user, its name the username, email {@code <username>@example.com} (or the username itself when it
 * has an {@code @}), in no group and no role, joined 90 days ago, last login an hour ago.
 *
 * <pre>{@code
 * int jane = fake.newUser("jane").name("Jane Doe").superuser(true).groups("authentik Admins").add();
 * }</pre>
 *
 * <p>Groups and roles are named; the fake makes each the first time a user is put in it. Not
 * thread-safe; {@link #add()} is.
 */
public final class UserSeed {
  private final FakeState state;
  final String username;
  String name;
  String email;
  boolean active = true;
  boolean superuser;
  UserTypeEnum type = UserTypeEnum.INTERNAL;
  boolean neverLoggedIn;
  Instant lastLogin;
  final List<String> groups = new ArrayList<>();
  final List<String> roles = new ArrayList<>();
  final Map<String, String> attributes = new LinkedHashMap<>();

  UserSeed(FakeState state, String username) {
    this.state = state;
    this.username = username;
  }

  /**
   * The display name ({@code name}); the username by default.
   *
   * @param name such as {@code Jane Doe}
   * @return this seed
   */
  public UserSeed name(String name) {
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * The email address; {@code <username>@example.com} by default.
   *
   * @param email such as {@code jane@example.com}
   * @return this seed
   */
  public UserSeed email(String email) {
    this.email = Objects.requireNonNull(email, "email");
    return this;
  }

  /**
   * Whether the user may log in ({@code is_active}); true by default.
   *
   * @param active false for a deactivated user
   * @return this seed
   */
  public UserSeed active(boolean active) {
    this.active = active;
    return this;
  }

  /**
   * Whether the user is a superuser ({@code is_superuser}); false by default.
   *
   * @param superuser true for an administrator
   * @return this seed
   */
  public UserSeed superuser(boolean superuser) {
    this.superuser = superuser;
    return this;
  }

  /**
   * The kind of user ({@code type}); {@link UserTypeEnum#INTERNAL} by default.
   *
   * @param type any constant but {@link UserTypeEnum#UNKNOWN}
   * @return this seed
   * @throws IllegalArgumentException for {@link UserTypeEnum#UNKNOWN} (see {@link Fault#unknownFieldsAndValues()})
   */
  public UserSeed type(UserTypeEnum type) {
    if (Objects.requireNonNull(type, "type") == UserTypeEnum.UNKNOWN) {
      throw new IllegalArgumentException("UNKNOWN has no wire value; Fault.unknownFieldsAndValues() sends unknown values");
    }
    this.type = type;
    return this;
  }

  /**
   * When the user last logged in; an hour before {@link #add()} by default.
   *
   * @param lastLogin the time, or {@code null} for a user who never logged in (authentik sends null)
   * @return this seed
   */
  public UserSeed lastLogin(Instant lastLogin) {
    this.lastLogin = lastLogin;
    this.neverLoggedIn = lastLogin == null;
    return this;
  }

  /**
   * Puts the user in these groups (in {@code groups}, {@code groups_obj}, and the id tokens'
   * {@code groups} claim), adding to those named before.
   *
   * @param names group names, such as {@code authentik Admins}
   * @return this seed
   */
  public UserSeed groups(String... names) {
    groups.addAll(nonBlank(names, "group"));
    return this;
  }

  /**
   * Gives the user these roles ({@code roles}, {@code roles_obj}; sent from 2025.12 on), adding to
   * those named before.
   *
   * @param names role names, such as {@code Token Auditors}
   * @return this seed
   */
  public UserSeed roles(String... names) {
    roles.addAll(nonBlank(names, "role"));
    return this;
  }

  /**
   * Sets one of the user's free-form {@code attributes}.
   *
   * @param key such as {@code locale}
   * @param value such as {@code en}
   * @return this seed
   */
  public UserSeed attribute(String key, String value) {
    attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds the user to the fake.
   *
   * @return the user's pk, numbered from 1
   * @throws IllegalArgumentException when the username is blank, longer than 150 characters or taken
   */
  public int add() {
    return state.addUser(this);
  }

  private static List<String> nonBlank(String[] names, String what) {
    List<String> list = Arrays.asList(names.clone());
    for (String name : list) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a " + what + " name must not be blank, was " + (name == null ? "null" : "\"" + name + "\""));
      }
    }
    return list;
  }

  /** Shows the username only. */
  @Override
  public String toString() {
    return "UserSeed{username=" + username + "}";
  }
}
