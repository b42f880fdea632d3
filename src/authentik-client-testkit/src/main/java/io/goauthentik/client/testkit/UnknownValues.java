package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * Turns an answer into what a later authentik release might send: a property no release has in
 * every object, and a value no release has in every enum property. Stateless.
 */
final class UnknownValues {
  /** The value every enum property gets. */
  static final String UNKNOWN_VALUE = "added_in_a_later_release";
  static final String UNKNOWN_PROPERTY = "added_in_a_later_release";
  /** The enum properties of the token surface's models, at any depth. */
  private static final Set<String> ENUMS = Set.of("client_type", "grant_types", "sub_mode", "issuer_mode",
      "logout_method", "matching_mode", "redirect_uri_type", "type", "action");

  private UnknownValues() {
  }

  static Answer apply(Answer answer) {
    if (!answer.isJsonSuccess()) {
      return answer;
    }
    JsonElement body = JsonParser.parseString(answer.body);
    change(body);
    return new Answer(answer.status, answer.contentType, Json.COMPACT.toJson(body), answer.headers);
  }

  private static void change(JsonElement value) {
    if (value.isJsonArray()) {
      value.getAsJsonArray().forEach(UnknownValues::change);
    } else if (value.isJsonObject()) {
      JsonObject object = value.getAsJsonObject();
      for (Map.Entry<String, JsonElement> property : new ArrayList<>(object.entrySet())) {
        JsonElement v = property.getValue();
        if (ENUMS.contains(property.getKey()) && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
          object.addProperty(property.getKey(), UNKNOWN_VALUE);
        } else if (ENUMS.contains(property.getKey()) && v.isJsonArray()) {
          JsonArray values = new JsonArray();
          v.getAsJsonArray().forEach(each -> values.add(UNKNOWN_VALUE));
          object.add(property.getKey(), values);
        } else if (!property.getKey().equals("attributes")) {
          change(v);
        }
      }
      JsonObject added = new JsonObject();
      added.addProperty("since", "a later release");
      added.add("values", JsonParser.parseString("[1, \"two\", null, {\"three\": [3]}]"));
      object.add(UNKNOWN_PROPERTY, added);
    }
  }
}
