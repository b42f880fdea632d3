package io.goauthentik.client.testkit;

import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.UsedByActionEnum;
import java.io.IOException;
import java.util.Objects;

/**
 * Builds a {@link UsedBy} (an item of a used_by answer: what deleting an object would affect) from
 * {@link TestModels#usedBy()}: by default an RBAC role assignment of user 7 that deletion would
 * {@code cascade} to. Also seeds a fake's used_by answers ({@link FakeAuthentik#addUsedBy}).
 */
public final class UsedByBuilder extends ModelBuilder<UsedBy, UsedByBuilder> {
  UsedByBuilder() {
    json.addProperty("app", "authentik_rbac");
    json.addProperty("model_name", "rolemodelpermission");
    json.addProperty("pk", "7");
    json.addProperty("name", "Permission of jdoe on the token");
    json.addProperty("action", "cascade");
  }

  /**
   * The referring object's Django app, model, pk and name.
   *
   * @param app such as {@code authentik_core}
   * @param modelName such as {@code user}
   * @param pk its primary key, as a string
   * @param name how authentik names it
   * @return this builder
   */
  public UsedByBuilder object(String app, String modelName, String pk, String name) {
    put("app", new JsonPrimitive(Objects.requireNonNull(app, "app")));
    put("model_name", new JsonPrimitive(Objects.requireNonNull(modelName, "modelName")));
    put("pk", new JsonPrimitive(Objects.requireNonNull(pk, "pk")));
    return put("name", new JsonPrimitive(Objects.requireNonNull(name, "name")));
  }

  /**
   * What deleting does to it; {@link UsedByActionEnum#CASCADE} by default. For a value this SDK does
   * not know, {@code set("action", "...")}.
   *
   * @param action any constant but {@link UsedByActionEnum#UNKNOWN}
   * @return this builder
   */
  public UsedByBuilder action(UsedByActionEnum action) {
    return put("action", new JsonPrimitive(TestModels.wireValue(action, action == null ? null : action.getValue())));
  }

  /** The action's wire value, for the fake's release check. */
  String actionValue() {
    return json.has("action") && json.get("action").isJsonPrimitive() ? json.get("action").getAsString() : null;
  }

  @Override
  UsedBy read(JsonReader in) throws IOException {
    return UsedBy.fromJson(in);
  }
}
