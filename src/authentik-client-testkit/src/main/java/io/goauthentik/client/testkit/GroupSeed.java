package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A group to add to a {@link FakeAuthentik}, from {@link FakeAuthentik#newGroup(String)}: change
 * what the defaults do not fit, then {@link #add()}. The defaults: not a superuser group, no parent,
 * no members, no attributes.
 *
 * <pre>{@code
 * String admins = fake.newGroup("admins").superuser(true).users(jane).attributes(Map.of("team", "ops")).add();
 * }</pre>
 *
 * <p>Its pk is derived from its name, as for the groups {@link UserSeed#groups} makes, so a user
 * seeded later into a group of that name joins this one. Not thread-safe; {@link #add()} is.
 */
public final class GroupSeed {
  private static final String GROUPS = "/core/groups/";

  private final FakeAuthentik fake;
  private final String name;
  private boolean superuser;
  private String parent;
  private final Set<Integer> users = new LinkedHashSet<>();
  private final Map<String, Object> attributes = new LinkedHashMap<>();

  GroupSeed(FakeAuthentik fake, String name) {
    this.fake = fake;
    this.name = name;
  }

  /**
   * Whether the group's members are superusers ({@code is_superuser}); false by default.
   *
   * @param superuser true for an administrators' group
   * @return this seed
   */
  public GroupSeed superuser(boolean superuser) {
    this.superuser = superuser;
    return this;
  }

  /**
   * The parent group: {@code parent} up to 2025.10, {@code parents} (a list of one) from 2025.12.
   *
   * @param pk the pk of a group added before, such as what {@link #add()} returned
   * @return this seed
   */
  public GroupSeed parent(String pk) {
    this.parent = Objects.requireNonNull(pk, "pk");
    return this;
  }

  /**
   * Puts these users in the group ({@code users}), adding to those given before.
   *
   * @param pks pks of users, such as what {@link UserSeed#add()} returned
   * @return this seed
   */
  public GroupSeed users(int... pks) {
    for (int pk : pks) {
      users.add(pk);
    }
    return this;
  }

  /**
   * The group's free-form {@code attributes}, replacing those given before.
   *
   * @param attributes values gson can write: strings, numbers, booleans, lists and maps of them
   * @return this seed
   */
  public GroupSeed attributes(Map<String, ?> attributes) {
    this.attributes.clear();
    this.attributes.putAll(Objects.requireNonNull(attributes, "attributes"));
    return this;
  }

  /**
   * Adds the group to the fake.
   *
   * @return the group's pk, a UUID
   * @throws IllegalArgumentException when the name is blank or taken, the parent or a user does not exist
   */
  public String add() {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a group name must not be blank, was " + (name == null ? "null" : "\"" + name + "\""));
    }
    for (int user : users) {
      if (!fake.exists("/core/users/", String.valueOf(user))) {
        throw new IllegalArgumentException("no user with pk " + user + "; add it with addUser first");
      }
    }
    JsonObject group = new JsonObject();
    group.addProperty("pk", Json.uuid("group", name).toString());
    group.addProperty("name", name);
    group.addProperty("is_superuser", superuser);
    if (parent != null) {
      if (!fake.exists(GROUPS, parent)) {
        throw new IllegalArgumentException("no group with pk " + parent + "; add the parent first");
      }
      if (fake.has(GROUPS, "parent")) {
        group.addProperty("parent", parent);
      } else {
        JsonArray parents = new JsonArray();
        parents.add(parent);
        group.add("parents", parents);
      }
    }
    JsonArray members = new JsonArray();
    users.forEach(members::add);
    group.add("users", members);
    group.add("attributes", Json.COMPACT.toJsonTree(attributes));
    return fake.add(GROUPS, group);
  }

  /** Shows the name only. */
  @Override
  public String toString() {
    return "GroupSeed{name=" + name + "}";
  }
}
