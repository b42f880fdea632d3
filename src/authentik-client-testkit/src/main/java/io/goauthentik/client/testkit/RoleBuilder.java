package io.goauthentik.client.testkit;

import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.Role;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds a {@link Role} (an item of a user's {@code roles_obj}, sent from 2025.12) from
 * {@link TestModels#role()}: named {@code Token Auditors}, its pk a UUID derived from the name
 * (unless set).
 */
public final class RoleBuilder extends ModelBuilder<Role, RoleBuilder> {
  RoleBuilder() {
    json.addProperty("pk", Json.uuid("role", "Token Auditors").toString());
    json.addProperty("name", "Token Auditors");
  }

  /**
   * The pk; by default a UUID derived from the name.
   *
   * @param pk the role's id
   * @return this builder
   */
  public RoleBuilder pk(UUID pk) {
    return put("pk", new JsonPrimitive(Objects.requireNonNull(pk, "pk").toString()));
  }

  /**
   * The name; {@code Token Auditors} by default.
   *
   * @param name such as {@code Helpdesk}
   * @return this builder
   */
  public RoleBuilder name(String name) {
    put("name", new JsonPrimitive(Objects.requireNonNull(name, "name")));
    derive("pk", new JsonPrimitive(Json.uuid("role", name).toString()));
    return this;
  }

  @Override
  Role read(JsonReader in) throws IOException {
    return Role.fromJson(in);
  }
}
