package io.goauthentik.client.testkit;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.Group;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds a {@link Group} (an item of a user's {@code groups_obj}) with realistic defaults, from
 * {@link TestModels#group()}: named {@code Platform Team}, its pk a UUID derived from the name
 * (unless set), not a superuser group, no parent, no attributes.
 */
public final class GroupBuilder extends ModelBuilder<Group, GroupBuilder> {
  GroupBuilder() {
    json.addProperty("pk", Json.uuid("group", "Platform Team").toString());
    json.addProperty("num_pk", 61874);
    json.addProperty("name", "Platform Team");
    json.addProperty("is_superuser", false);
    json.add("parent", JsonNull.INSTANCE);
    json.add("parent_name", JsonNull.INSTANCE);
    json.add("attributes", new JsonObject());
  }

  /**
   * The pk; by default a UUID derived from the name.
   *
   * @param pk the group's id
   * @return this builder
   */
  public GroupBuilder pk(UUID pk) {
    return put("pk", new JsonPrimitive(Objects.requireNonNull(pk, "pk").toString()));
  }

  /**
   * The name; {@code Platform Team} by default.
   *
   * @param name such as {@code authentik Admins}
   * @return this builder
   */
  public GroupBuilder name(String name) {
    put("name", new JsonPrimitive(Objects.requireNonNull(name, "name")));
    derive("pk", new JsonPrimitive(Json.uuid("group", name).toString()));
    return this;
  }

  /**
   * Whether members are superusers ({@code is_superuser}); false by default.
   *
   * @param superuser true for an administrators' group
   * @return this builder
   */
  public GroupBuilder superuser(boolean superuser) {
    return put("is_superuser", new JsonPrimitive(superuser));
  }

  /**
   * The parent group ({@code parent}, {@code parent_name}); none by default. Releases from 2025.12
   * send neither.
   *
   * @param parent such as {@code TestModels.group().name("Engineering")}
   * @return this builder
   */
  public GroupBuilder parent(GroupBuilder parent) {
    JsonObject of = Objects.requireNonNull(parent, "parent").json();
    put("parent", of.get("pk"));
    return put("parent_name", of.get("name"));
  }

  @Override
  Group read(JsonReader in) throws IOException {
    return Group.fromJson(in);
  }
}
