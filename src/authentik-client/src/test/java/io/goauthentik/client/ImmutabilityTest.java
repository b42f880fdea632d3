package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.IdTokenClaims;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.ValidationError;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Models are values, deeply: no getter hands out a list or map the caller can change, however far
 * down (free-form {@code attributes} included), and {@code toString()} prints no free-form map.
 */
class ImmutabilityTest {
  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void noListOrMapAtAnyDepthCanBeChanged() {
    server.enqueue(ok(withGroupAttribute("nested", "{\"list\": [1, {\"deeper\": [\"x\"]}]}")));

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(42);
    User user = token.getUser();

    assertUnmodifiable(token.getScope());
    assertUnmodifiable(user.getGroups());
    assertUnmodifiable(user.getGroupsObj());
    assertUnmodifiable(token.getProvider().getRedirectUris());
    assertUnmodifiable(token.getProvider().getPropertyMappings());
    assertUnmodifiable(token.getProvider().getJwtFederationSources());
    Map<String, Object> attributes = user.getGroupsObj().get(0).getAttributes();
    assertUnmodifiable(attributes);
    Map<?, ?> nested = (Map<?, ?>) attributes.get("nested");
    assertUnmodifiable(nested);
    List<?> list = (List<?>) nested.get("list");
    assertUnmodifiable(list);
    assertEquals(1L, list.get(0), "whole numbers stay whole");
    assertUnmodifiable((Map<?, ?>) list.get(1));
    assertUnmodifiable((List<?>) ((Map<?, ?>) list.get(1)).get("deeper"));
    IdTokenClaims claims = token.getIdTokenClaims();
    assertUnmodifiable(claims.asMap());
    assertUnmodifiable(claims.getAud());
  }

  @Test
  void enumListsAndExtraPropertiesCannotBeChangedEither() {
    server.enqueue(ok("{\"pk\": 1, \"provider\": {\"pk\": 2, \"grant_types\": [\"implicit\", \"from_the_future\"]}}"));
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"name\": [\"This field is required.\"], \"non_field_errors\": [\"no\"]}").build());

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(1);
    ValidationError error = assertThrows(ValidationException.class,
        () -> client.oauth2().oauth2RefreshTokensRetrieve(1)).getValidationError();

    assertUnmodifiable(token.getProvider().getGrantTypes());
    assertUnmodifiable(token.getProvider().getGrantTypesRaw());
    assertUnmodifiable(error.getAdditionalProperties());
    assertUnmodifiable((List<?>) error.getAdditionalProperties().get("name"));
    assertUnmodifiable(error.getNonFieldErrors());
  }

  @Test
  void toStringShowsOnlyTheSizeOfFreeFormMaps() {
    server.enqueue(ok(withGroupAttribute("db_password", "\"hunter2\"")));

    String shown = client.oauth2().oauth2RefreshTokensRetrieve(42).toString();

    assertTrue(!shown.contains("hunter2") && !shown.contains("db_password"), shown);
    assertTrue(shown.contains("attributes={"), shown);
  }

  /** The 2024.10.5 fixture with one more attribute on the first group of the user. */
  private static String withGroupAttribute(String name, String json) {
    JsonObject token = JsonParser.parseString(Fixtures.load("2024.10.5", "refresh_token.json")).getAsJsonObject();
    token.getAsJsonObject("user").getAsJsonArray("groups_obj").get(0).getAsJsonObject().getAsJsonObject("attributes")
        .add(name, JsonParser.parseString(json));
    return token.toString();
  }

  private static void assertUnmodifiable(List<?> list) {
    assertThrows(UnsupportedOperationException.class, () -> list.add(null), "list " + list);
    if (!list.isEmpty()) {
      assertThrows(UnsupportedOperationException.class, () -> list.remove(0), "list " + list);
    }
  }

  private static void assertUnmodifiable(Map<?, ?> map) {
    assertThrows(UnsupportedOperationException.class, () -> map.clear(), "map " + map.keySet());
    assertThrows(UnsupportedOperationException.class, () -> map.put(null, null), "map " + map.keySet());
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
