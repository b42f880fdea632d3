package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every command of every kind against the fake authentik, in every output format. */
class ToolCommandsTest {
  private final FakeAuthentik fake = FakeAuthentik.start();
  private final int jdoe = fake.addUser("jdoe");
  private final int alice = fake.addUser("alice");
  private final int grafana = fake.addProvider("Grafana");
  private final int wiki = fake.addProvider("Wiki");
  private final Tool tool = Tool.against(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  private static String command(TokenKind kind) {
    switch (kind) {
      case REFRESH_TOKEN:
        return "refresh";
      case ACCESS_TOKEN:
        return "access";
      default:
        return "codes";
    }
  }

  private int add(TokenKind kind, int user, int provider) {
    switch (kind) {
      case REFRESH_TOKEN:
        return fake.addRefreshToken(user, provider);
      case ACCESS_TOKEN:
        return fake.addAccessToken(user, provider);
      default:
        return fake.addAuthorizationCode(user, provider);
    }
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void getPrintsOneGrantAsJsonWithTheApisPropertyNames(TokenKind kind) {
    int id = add(kind, jdoe, grafana);

    JsonObject grant = tool.run(command(kind), "get", String.valueOf(id), "--output", "json").exits(0).object();

    assertEquals(id, grant.get("pk").getAsInt());
    assertEquals("jdoe", grant.getAsJsonObject("user").get("username").getAsString());
    assertEquals(jdoe, grant.getAsJsonObject("user").get("pk").getAsInt());
    assertEquals("Grafana", grant.getAsJsonObject("provider").get("name").getAsString());
    assertTrue(grant.get("expires").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
        grant.get("expires").getAsString());
    assertFalse(grant.get("is_expired").getAsBoolean());
    assertTrue(grant.getAsJsonArray("scope").size() > 0);
    if (kind == TokenKind.AUTHORIZATION_CODE) {
      assertEquals(List.of("pk", "user", "provider", "scope", "expires", "is_expired"), List.copyOf(grant.keySet()));
    } else {
      assertEquals(List.of("pk", "user", "provider", "scope", "expires", "is_expired", "revoked", "id_token"),
          List.copyOf(grant.keySet()));
      assertEquals(Records.MASK, grant.get("id_token").getAsString(), "id_token masked");
    }
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void getPrintsOneLineOfNdjsonAndATableOfProperties(TokenKind kind) {
    int id = add(kind, jdoe, grafana);

    Tool.Result ndjson = tool.run(command(kind), "get", String.valueOf(id), "-o", "ndjson").exits(0);
    assertEquals(1, ndjson.lines().size());
    assertEquals(id, ndjson.lines().get(0).get("pk").getAsInt());

    String table = tool.run(command(kind), "get", String.valueOf(id)).exits(0).out;
    assertTrue(table.contains("user.username      jdoe") || table.matches("(?s).*user\\.username +jdoe.*"), table);
    assertTrue(table.matches("(?s).*provider\\.name +Grafana.*"), table);
  }

  @Test
  void idTokenShownOnlyWithShowSecrets() {
    int id = fake.addRefreshToken(jdoe, grafana);

    String masked = tool.run("refresh", "get", String.valueOf(id), "-o", "json").exits(0).out;
    JsonObject shown = tool.run("refresh", "get", String.valueOf(id), "-o", "json", "--show-secrets").exits(0).object();

    assertFalse(masked.contains("\"sub\""), masked);
    assertTrue(shown.get("id_token").getAsString().contains("\"sub\""), "the id_token itself: " + shown);
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void listWalksEveryPageAsJson(TokenKind kind) {
    Set<Integer> ids = new TreeSet<>();
    for (int i = 0; i < 230; i++) {
      ids.add(add(kind, jdoe, i % 2 == 0 ? grafana : wiki));
    }

    JsonArray all = tool.run(command(kind), "list", "--output", "json").exits(0).array();

    assertEquals(ids, pks(all), "three pages of 100, each result once");
  }

  @Test
  void listFiltersByUserAndProviderAndOrders() {
    List<Integer> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(fake.addRefreshToken(jdoe, grafana));
      fake.addRefreshToken(jdoe, wiki);
      fake.addRefreshToken(alice, grafana);
    }

    List<JsonObject> lines = tool.run("refresh", "list", "--user", String.valueOf(jdoe), "--provider",
        String.valueOf(grafana), "--ordering", "-pk", "--search", "anything", "-o", "ndjson").exits(0).lines();

    List<Integer> descending = new ArrayList<>(mine);
    descending.sort((a, b) -> b - a);
    assertEquals(descending, lines.stream().map(line -> line.get("pk").getAsInt()).collect(Collectors.toList()));
    lines.forEach(line -> assertEquals("jdoe", line.getAsJsonObject("user").get("username").getAsString()));
  }

  @Test
  void listStopsAtTheLimitAcrossPages() {
    for (int i = 0; i < 250; i++) {
      fake.addAccessToken(jdoe, grafana);
    }

    assertEquals(150, tool.run("access", "list", "--limit", "150", "-o", "ndjson").exits(0).lines().size());
    assertEquals(7, tool.run("access", "list", "--limit", "7", "-o", "json").exits(0).array().size());
    assertEquals(2, tool.run("access", "list", "--limit", "0").exits(2).code);
  }

  @Test
  void listStopsFetchingWhenTheReaderOfItsOutputIsGone() {
    for (int i = 0; i < 250; i++) {
      fake.addRefreshToken(jdoe, grafana);
    }

    // authentik-tokens refresh list -o ndjson | head -c 1000: the pipe breaks on the first page.
    Tool.Result result = tool.stdoutClosesAfter(1000).run("refresh", "list", "-o", "ndjson").exits(1);

    long pagesAsked = fake.requests().stream().filter(r -> r.path().startsWith("/api/v3/oauth2/refresh_tokens/")).count();
    assertTrue(pagesAsked < 3, "asked for " + pagesAsked + " of the 3 pages nobody reads");
    assertEquals("", result.err, "a closed pipe is not an error to report");
  }

  @Test
  void listShowsProgressOnAStderrTerminalOnly() {
    for (int i = 0; i < 250; i++) {
      fake.addRefreshToken(jdoe, grafana);
    }

    Tool.Result terminal = tool.terminal(false, true).run("refresh", "list", "-o", "ndjson").exits(0);
    Tool.Result limited = tool.terminal(false, true).run("refresh", "list", "--limit", "150", "-o", "json").exits(0);
    Tool.Result script = tool.terminal(false, false).run("refresh", "list", "-o", "ndjson").exits(0);

    assertEquals("\r\033[Klisting refresh tokens 100/250\r\033[K\r\033[Klisting refresh tokens 200/250\r\033[K"
        + "\r\033[Klisting refresh tokens 250/250\r\033[K", terminal.err, "redrawn per page, erased at the end");
    assertEquals(250, terminal.lines().size());
    assertEquals("\r\033[Klisting refresh tokens 100/150\r\033[K", limited.err);
    assertEquals("", script.err);
    assertEquals(terminal.out, script.out, "stdout is the same either way");
  }

  @Test
  void listAsATableHasAHeadingAndARowPerGrant() {
    int first = fake.addRefreshToken(jdoe, grafana);
    fake.addRefreshToken(alice, wiki);

    List<String> rows = List.of(tool.run("refresh", "list", "--ordering", "pk").exits(0).out.split("\n"));

    assertEquals(3, rows.size(), String.join("\n", rows));
    assertTrue(rows.get(0).matches("PK +USER +PROVIDER +EXPIRES +EXPIRED +REVOKED +SCOPE"), rows.get(0));
    assertTrue(rows.get(1).matches(first + " +jdoe +Grafana +\\S+Z +no +no +openid .*"), rows.get(1));
    assertTrue(rows.get(2).contains("alice"), rows.get(2));
  }

  @Test
  void listOfNothingIsAnEmptyArrayAndNoLines() {
    assertEquals(0, tool.run("codes", "list", "-o", "json").exits(0).array().size());
    assertEquals("", tool.run("codes", "list", "-o", "ndjson").exits(0).out);
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void usedByListsWhatDeletingWouldAffect(TokenKind kind) {
    int id = add(kind, jdoe, grafana);

    assertEquals(0, tool.run(command(kind), "used-by", String.valueOf(id), "-o", "json").exits(0).array().size());
    assertTrue(tool.run(command(kind), "used-by", String.valueOf(id)).exits(0).out.startsWith("APP"));
    tool.run(command(kind), "used-by", String.valueOf(id + 1000)).exits(ExitCode.NOT_FOUND);
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void revokeDeletesTheIdsGiven(TokenKind kind) {
    int one = add(kind, jdoe, grafana);
    int two = add(kind, jdoe, grafana);
    int kept = add(kind, jdoe, grafana);

    List<JsonObject> lines = tool.run(command(kind), "revoke", String.valueOf(one), String.valueOf(two), "-o", "ndjson")
        .exits(0).lines();

    assertEquals(2, lines.size());
    assertEquals(Records.kindName(kind), lines.get(0).get("kind").getAsString());
    assertEquals(one, lines.get(0).get("pk").getAsInt());
    assertEquals("revoked", lines.get(0).get("status").getAsString());
    assertEquals(Set.of(kept), pks(tool.run(command(kind), "list", "-o", "json").exits(0).array()));
  }

  @Test
  void revokeGoesOnPastAnIdThatIsGoneAndExitsNotFound() {
    int one = fake.addRefreshToken(jdoe, grafana);
    int two = fake.addRefreshToken(jdoe, grafana);

    Tool.Result result = tool.run("refresh", "revoke", String.valueOf(one), "999", String.valueOf(two), "-o", "json")
        .exits(ExitCode.NOT_FOUND);

    JsonArray outcomes = result.array();
    assertEquals(List.of("revoked", "not_found", "revoked"), statuses(outcomes));
    assertEquals(1, result.errLines().size(), result.err);
    assertTrue(result.err.startsWith("authentik-tokens: not found: refresh token 999"), result.err);
    assertEquals(0, tool.run("refresh", "list", "-o", "json").exits(0).array().size());
  }

  @Test
  void revokeDryRunDeletesNothing() {
    int one = fake.addAuthorizationCode(jdoe, grafana);

    JsonArray outcomes = tool.run("codes", "revoke", "--dry-run", String.valueOf(one), "77", "-o", "json")
        .exits(ExitCode.NOT_FOUND).array();

    assertEquals(List.of("would_revoke", "not_found"), statuses(outcomes));
    try (AuthentikClient client = fake.clientBuilder().build()) {
      assertEquals(one, client.oauth2().oauth2AuthorizationCodesRetrieve(one).getPk());
    }
  }

  @Test
  void revokeTableSaysWhatHappenedToEachId() {
    int one = fake.addAccessToken(jdoe, grafana);

    String table = tool.run("access", "revoke", String.valueOf(one)).exits(0).out;

    assertTrue(table.matches("PK +STATUS\n" + one + " +revoked\n"), table);
    try (AuthentikClient client = fake.clientBuilder().build()) {
      org.junit.jupiter.api.Assertions.assertThrows(NotFoundException.class,
          () -> client.oauth2().oauth2AccessTokensRetrieve(one));
    }
  }

  @Test
  void revokeRevokesAndReportsAnIdGivenTwiceOnce() {
    int one = fake.addRefreshToken(jdoe, grafana);
    int two = fake.addRefreshToken(jdoe, grafana);

    Tool.Result result = tool.run("refresh", "revoke", String.valueOf(one), String.valueOf(two), String.valueOf(one),
        "-o", "json").exits(0);

    assertEquals(List.of(one, two), pksInOrder(result.array()));
    assertEquals(List.of("revoked", "revoked"), statuses(result.array()));
    assertEquals("", result.err);
  }

  @Test
  void revokeTakesAsciiDigitsOnly() {
    int id = fake.addRefreshToken(jdoe, grafana);
    // The same number in Arabic-Indic and in fullwidth digits: Integer.parseInt reads both.
    String arabic = String.valueOf(id).chars().mapToObj(c -> String.valueOf((char) (c - '0' + '\u0660')))
        .collect(Collectors.joining());
    String fullwidth = String.valueOf(id).chars().mapToObj(c -> String.valueOf((char) (c - '0' + '\uff10')))
        .collect(Collectors.joining());

    for (String notAscii : List.of(arabic, fullwidth, "+" + id)) {
      Tool.Result result = tool.run("refresh", "revoke", notAscii).exits(ExitCode.USAGE);
      assertTrue(result.err.contains("ID 1 of 1 must be a positive whole number in ASCII digits"), result.err);
    }
    tool.run("refresh", "list", "--user", arabic).exits(ExitCode.USAGE);
    tool.run("refresh", "get", arabic).exits(ExitCode.USAGE);
    assertEquals(List.of(), fake.requests(), "nothing sent");
  }

  @Test
  void revokeTakesPositiveIdsOnlyAndSendsNothingOtherwise() {
    int id = fake.addRefreshToken(jdoe, grafana);

    for (String notPositive : List.of("0", "-5", "00", "2147483648", "99999999999999999999")) {
      Tool.Result result = tool.run("refresh", "revoke", String.valueOf(id), notPositive).exits(ExitCode.USAGE);
      assertEquals(1, result.errLines().size(), result.err);
      assertTrue(result.err.contains("must be a positive whole number"), result.err);
    }
    tool.run("refresh", "list", "--user", "0").exits(ExitCode.USAGE);
    tool.run("refresh", "list", "--limit", "-1").exits(ExitCode.USAGE);
    tool.run("revoke-user", "--user", "-3", "--yes").exits(ExitCode.USAGE);
    assertEquals(List.of(), fake.requests(), "nothing sent");
  }

  @Test
  void aFailedRevokeStillPrintsWhatItRevokedInEveryFormat() {
    for (String format : List.of("json", "ndjson", "table")) {
      int one = fake.addRefreshToken(jdoe, grafana);
      int two = fake.addRefreshToken(jdoe, grafana);
      int refused = fake.addRefreshToken(jdoe, grafana);
      fake.inject(Fault.respond(403, "application/json", "{\"detail\": \"You do not have permission to perform this "
          + "action.\"}").on("DELETE", "/api/v3/oauth2/refresh_tokens/" + refused + "/"));

      Tool.Result result = tool.run("refresh", "revoke", String.valueOf(one), String.valueOf(two),
          String.valueOf(refused), "-o", format).exits(ExitCode.DENIED);

      if (format.equals("table")) {
        assertTrue(result.out.matches("PK +STATUS\n" + one + " +revoked\n" + two + " +revoked\n"), result.out);
      } else {
        JsonArray outcomes = format.equals("json") ? result.array() : toArray(result.lines());
        assertEquals(List.of(one, two), pksInOrder(outcomes), format + ": " + result.out);
        assertEquals(List.of("revoked", "revoked"), statuses(outcomes));
      }
      assertTrue(result.err.startsWith("authentik-tokens: permission denied: DELETE"), result.err);
    }
  }

  @Test
  void revokeByUserPointsAtRevokeUser() {
    fake.addRefreshToken(jdoe, grafana);

    Tool.Result result = tool.run("refresh", "revoke", "--user", String.valueOf(jdoe)).exits(ExitCode.USAGE);

    assertTrue(result.err.contains("authentik-tokens revoke-user --user USER"), result.err);
    assertEquals(1, tool.run("refresh", "list", "-o", "json").exits(0).array().size(), "nothing revoked");
    assertTrue(tool.run("refresh", "revoke").exits(ExitCode.USAGE).err.contains("Missing required parameter: 'ID'"));
  }

  @Test
  void aKindWithoutACommandIsAUsageError() {
    Tool.Result result = tool.run("access").exits(ExitCode.USAGE);

    assertEquals(List.of("authentik-tokens access: Missing required subcommand (see 'authentik-tokens access --help')"),
        result.errLines());
  }

  @Test
  void optionsGoBeforeOrAfterTheCommand() {
    fake.addRefreshToken(jdoe, grafana);

    assertEquals(1, tool.run("--output", "json", "refresh", "list").exits(0).array().size());
    assertEquals(1, tool.run("refresh", "--output", "json", "list").exits(0).array().size());
    assertEquals(1, tool.run("refresh", "list", "--output=JSON").exits(0).array().size());
    assertTrue(tool.run("refresh", "list", "--output", "xml").exits(ExitCode.USAGE).err
        .contains("Invalid value for option '--output': must be one of table, json, ndjson"));
  }

  private static Set<Integer> pks(JsonArray array) {
    Set<Integer> pks = new TreeSet<>();
    for (JsonElement each : array) {
      assertTrue(pks.add(each.getAsJsonObject().get("pk").getAsInt()), "twice: " + each);
    }
    return pks;
  }

  private static List<Integer> pksInOrder(JsonArray array) {
    List<Integer> pks = new ArrayList<>();
    array.forEach(each -> pks.add(each.getAsJsonObject().get("pk").getAsInt()));
    return pks;
  }

  private static JsonArray toArray(List<JsonObject> lines) {
    JsonArray array = new JsonArray();
    lines.forEach(array::add);
    return array;
  }

  private static List<String> statuses(JsonArray outcomes) {
    List<String> statuses = new ArrayList<>();
    outcomes.forEach(each -> statuses.add(each.getAsJsonObject().get("status").getAsString()));
    return statuses;
  }
}
