package io.goauthentik.tokens;

import static io.goauthentik.tokens.ToolFailuresTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the output holds of a real server's response (a 2024.10.5 fixture, whose provider still
 * carries client_id and client_secret): the documented properties, secrets masked unless
 * --show-secrets, nothing of a user's attributes.
 */
class ToolOutputTest {
  private final MockWebServer server = new MockWebServer();
  private final Tool tool;
  private final JsonObject fixture = JsonParser.parseString(fixture("refresh_token.json")).getAsJsonObject();
  private final String clientSecret = fixture.getAsJsonObject("provider").get("client_secret").getAsString();
  private final String idToken = fixture.get("id_token").getAsString();

  ToolOutputTest() throws IOException {
    server.start();
    tool = new Tool().env("AUTHENTIK_URL", server.url("/").toString()).env("AUTHENTIK_TOKEN", "ak-output-test");
  }

  @AfterEach
  void close() {
    server.close();
  }

  private void serve(String file) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(fixture(file)).build());
  }

  @Test
  void jsonHasTheDocumentedPropertiesWithSecretsMasked() {
    serve("refresh_token.json");

    Tool.Result result = tool.run("refresh", "get", "1", "-o", "json").exits(0);
    JsonObject token = result.object();

    assertEquals(List.of("pk", "user", "provider", "scope", "expires", "is_expired", "revoked", "id_token"),
        List.copyOf(token.keySet()));
    assertEquals(List.of("pk", "username", "name", "email", "is_active"), List.copyOf(token.getAsJsonObject("user")
        .keySet()));
    assertEquals(List.of("pk", "name", "assigned_application_slug", "client_id", "client_secret"),
        List.copyOf(token.getAsJsonObject("provider").keySet()));
    assertEquals(fixture.get("pk").getAsInt(), token.get("pk").getAsInt());
    assertEquals(fixture.getAsJsonObject("provider").get("client_id"), token.getAsJsonObject("provider").get("client_id"));
    assertEquals(Records.MASK, token.getAsJsonObject("provider").get("client_secret").getAsString());
    assertEquals(Records.MASK, token.get("id_token").getAsString());
    assertFalse(result.out.contains(clientSecret) || result.out.contains("\"iss\""), result.out);
    assertFalse(result.out.contains("attributes") || result.out.contains("locale"), "no user attributes");
  }

  @Test
  void everyFormatMasksSecrets() {
    for (String format : List.of("table", "json", "ndjson")) {
      serve("refresh_token.json");
      serve("refresh_tokens_page1.json");
      serve("refresh_tokens_page2.json");
      serve("refresh_tokens_page3.json");

      String get = tool.run("refresh", "get", "1", "-o", format).exits(0).out;
      String list = tool.run("refresh", "list", "-o", format).exits(0).out;

      for (String out : List.of(get, list)) {
        assertFalse(out.contains(clientSecret), format + ": " + out);
        assertFalse(out.contains("\"iss\""), format + " id_token: " + out);
      }
      assertTrue(get.contains(Records.MASK), format + ": " + get);
    }
  }

  @Test
  void showSecretsPrintsThem() {
    serve("refresh_token.json");
    serve("refresh_token.json");

    JsonObject json = tool.run("refresh", "get", "1", "-o", "json", "--show-secrets").exits(0).object();
    String table = tool.run("refresh", "get", "1", "--show-secrets").exits(0).out;

    assertEquals(clientSecret, json.getAsJsonObject("provider").get("client_secret").getAsString());
    assertEquals(idToken, json.get("id_token").getAsString());
    assertTrue(table.matches("(?s).*provider\\.client_secret +" + clientSecret + "\n.*"), table);
  }

  @Test
  void theTableOfOneGrantHasALinePerProperty() {
    serve("refresh_token.json");

    List<String> lines = List.of(tool.run("refresh", "get", "1").exits(0).out.split("\n"));

    assertEquals(List.of("pk", "user.pk", "user.username", "user.name", "user.email", "user.is_active", "provider.pk",
        "provider.name", "provider.assigned_application_slug", "provider.client_id", "provider.client_secret", "scope",
        "expires", "is_expired", "revoked", "id_token"), lines.stream().map(line -> line.split(" +")[0])
        .collect(java.util.stream.Collectors.toList()));
    assertTrue(lines.get(lines.size() - 1).matches("id_token +\\*\\*\\*\\*"), String.join("\n", lines));
  }

  @Test
  void tablesReplaceC1ControlsAndBidiControlsLikeOtherControlCharacters() {
    // U+009B is a one-byte CSI (an escape sequence on many terminals); the bidi controls make a
    // name display as something else (U+202E reverses what follows).
    String hostile = "a\u009b31mb\u202ec\u2066d\u2069e\u200ef\u200fg\u061ch\u202ai\u2028j\u0085k\u001b[0ml";
    JsonObject token = fixture.deepCopy();
    token.getAsJsonObject("user").addProperty("username", hostile);
    token.getAsJsonObject("provider").addProperty("name", hostile);
    String page = "{\"pagination\": {\"next\": 0, \"previous\": 0, \"count\": 1, \"current\": 1, \"total_pages\": 1, "
        + "\"start_index\": 1, \"end_index\": 1}, \"results\": [" + token + "]}";
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(token.toString()).build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(page).build());

    String get = tool.run("refresh", "get", "1").exits(0).out;
    String list = tool.run("refresh", "list").exits(0).out;

    for (String out : List.of(get, list)) {
      assertTrue(out.contains("a?31mb?c?d?e?f?g?h?i?j?k?[0ml"), out);
      assertFalse(out.codePoints().anyMatch(c -> c != '\n' && (Character.getType(c) == Character.CONTROL
          || Character.getType(c) == Character.FORMAT || c == 0x2028)), "no control or format character: " + out);
    }
  }

  @Test
  void usedByInEveryFormat() {
    serve("used_by.json");
    serve("used_by.json");
    serve("used_by.json");

    String table = tool.run("access", "used-by", "5").exits(0).out;
    List<JsonObject> lines = tool.run("access", "used-by", "5", "-o", "ndjson").exits(0).lines();
    JsonObject first = tool.run("access", "used-by", "5", "-o", "json").exits(0).array().get(0).getAsJsonObject();

    assertTrue(table.startsWith("APP "), table);
    assertTrue(table.matches("(?s).*\nauthentik_providers_oauth2 +accesstoken +118 +Access Token for 6 for user 7 +"
        + "cascade\n.*"), table);
    assertEquals(JsonParser.parseString(fixture("used_by.json")).getAsJsonArray().size(), lines.size());
    assertEquals(List.of("app", "model_name", "pk", "name", "action"), List.copyOf(first.keySet()));
    assertEquals("cascade", first.get("action").getAsString());
  }
}
