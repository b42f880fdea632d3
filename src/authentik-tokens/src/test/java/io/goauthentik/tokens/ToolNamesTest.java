package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import io.goauthentik.client.testkit.ReceivedRequest;
import io.goauthentik.client.testkit.TestModels;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names on the command line: {@code --user} takes a username and {@code --provider} a provider
 * name (or pks, as before); the confirmation and the summaries name the user; a misspelt option
 * is an unknown option; a dry run's table and JSON mean the same by {@code remaining}.
 */
class ToolNamesTest {
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

  @Test
  void revokeUserTakesAUsername() {
    fake.addRefreshToken(jdoe, grafana);
    fake.addAccessToken(jdoe, wiki);
    int kept = fake.addRefreshToken(alice, grafana);

    JsonObject summary = tool.run("revoke-user", "--user", "jdoe", "--yes", "-o", "json").exits(0).object();

    assertEquals(jdoe, summary.get("user").getAsInt());
    assertEquals("jdoe", summary.get("username").getAsString());
    assertEquals(1, summary.getAsJsonObject("refresh_tokens").getAsJsonArray("revoked").size());
    assertEquals(1, summary.getAsJsonObject("access_tokens").getAsJsonArray("revoked").size());
    assertEquals(List.of(kept), pks(tool.run("refresh", "list", "-o", "json").exits(0).array()), "alice's is left");
    assertTrue(fake.requests().stream().anyMatch(request -> request.path().equals("/api/v3/core/users/")
        && String.valueOf(request.query()).contains("username=jdoe")), "looked up by the username filter");
  }

  @Test
  void listTakesAUsernameAndAProviderName() {
    int jdoesAtWiki = fake.addRefreshToken(jdoe, wiki);
    fake.addRefreshToken(jdoe, grafana);
    fake.addRefreshToken(alice, wiki);

    JsonArray list = tool.run("refresh", "list", "--user", "jdoe", "--provider", "Wiki", "-o", "json").exits(0).array();

    assertEquals(List.of(jdoesAtWiki), pks(list));
    assertTrue(fake.requests().stream().anyMatch(request -> request.path().equals("/api/v3/providers/oauth2/")
        && String.valueOf(request.query()).contains("name=Wiki")), "looked up by the name filter");
  }

  @Test
  void revokeUserTakesAProviderName() {
    int kept = fake.addRefreshToken(jdoe, wiki);
    fake.addRefreshToken(jdoe, grafana);

    String out = tool.run("revoke-user", "--user", "jdoe", "--provider", "Grafana", "--yes").exits(0).out;

    assertTrue(out.endsWith("Every grant of jdoe (pk " + jdoe + ") at provider Grafana (pk " + grafana
        + ") is revoked (1 round).\n"), out);
    assertEquals(List.of(kept), pks(tool.run("refresh", "list", "-o", "json").exits(0).array()));
  }

  @Test
  void anUnknownUsernameOrProviderNameIsNotFoundWithoutRepeatingIt() {
    fake.addRefreshToken(jdoe, grafana);

    // Exact and case-sensitive, as authentik's filters: JDOE is nobody.
    Tool.Result user = tool.run("revoke-user", "--user", "JDOE", "--yes").exits(ExitCode.NOT_FOUND);
    Tool.Result provider = tool.run("revoke-user", "--user", "jdoe", "--provider", "grafana", "--yes")
        .exits(ExitCode.NOT_FOUND);
    Tool.Result list = tool.run("access", "list", "--user", "nobody").exits(ExitCode.NOT_FOUND);

    assertEquals(List.of("authentik-tokens: not found: no user has the username given with --user"), user.errLines());
    assertEquals(List.of("authentik-tokens: not found: no OAuth2 provider has the name given with --provider"),
        provider.errLines());
    assertEquals(user.errLines(), list.errLines());
    assertEquals("", user.out + provider.out + list.out);
    assertNothingDeleted();
  }

  @Test
  void anUnknownUserPkIsNotFound() {
    Tool.Result result = tool.run("revoke-user", "--user", "999", "--yes").exits(ExitCode.NOT_FOUND);

    assertEquals(List.of("authentik-tokens: not found: GET /api/v3/core/users/999/: 404 No User matches the given "
        + "query."), result.errLines());
    assertFalse(fake.requests().stream().anyMatch(request -> request.path().startsWith("/api/v3/oauth2/")),
        "no grant listed");
  }

  @Test
  void aUsernameMoreThanOneUserHasIsAUsageError() {
    fake.addRefreshToken(jdoe, grafana);
    fake.inject(Fault.respond(200, "application/json", page(TestModels.user().pk(jdoe).username("jdoe").toJson(),
        TestModels.user().pk(alice).username("jdoe").toJson())).on("GET", "/api/v3/core/users/"));

    Tool.Result result = tool.run("revoke-user", "--user", "jdoe", "--yes").exits(ExitCode.USAGE);

    assertEquals(List.of("authentik-tokens revoke-user: more than one user has the username given with --user: give "
        + "the user's pk (see 'authentik-tokens revoke-user --help')"), result.errLines());
    assertNothingDeleted();
  }

  @Test
  void aUserListThatIgnoredTheUsernameRevokesNobody() {
    // A server (or proxy) that drops the filter answers with whoever there is: here one other user.
    fake.addRefreshToken(alice, grafana);
    fake.inject(Fault.respond(200, "application/json", page(TestModels.user().pk(alice).username("alice").toJson()))
        .on("GET", "/api/v3/core/users/"));

    Tool.Result result = tool.run("revoke-user", "--user", "jdoe", "--yes").exits(ExitCode.MALFORMED);

    assertTrue(result.err.startsWith("authentik-tokens: malformed response: the user list asked for one username "
        + "answered another"), result.err);
    assertNothingDeleted();
  }

  @Test
  void theConfirmationNamesTheUserAndTheProvider() {
    fake.addRefreshToken(jdoe, grafana);

    Tool.Result byName = tool.terminal(true, false).stdin("n\n")
        .run("revoke-user", "--user", "jdoe", "--provider", "Grafana").exits(ExitCode.NOT_DONE);
    Tool.Result byPk = tool.terminal(true, false).stdin("n\n")
        .run("revoke-user", "--user", String.valueOf(jdoe), "--provider", String.valueOf(grafana))
        .exits(ExitCode.NOT_DONE);

    assertTrue(byName.err.startsWith("Revoke 1 refresh token, 0 access tokens and 0 authorization codes of jdoe (pk "
        + jdoe + ") issued by provider Grafana (pk " + grafana + ")? [y/N] "), byName.err);
    assertTrue(byPk.err.startsWith("Revoke 1 refresh token, 0 access tokens and 0 authorization codes of jdoe (pk "
        + jdoe + ") issued by provider " + grafana + "? [y/N] "), byPk.err);
    assertNothingDeleted();
  }

  @Test
  void aMisspeltOptionIsAnUnknownOptionNotAMissingOne() {
    fake.addRefreshToken(jdoe, grafana);

    Tool.Result required = tool.run("revoke-user", "--usr", "7", "--yes").exits(ExitCode.USAGE);
    Tool.Result withValue = tool.run("refresh", "list", "--usre=s3cr3t-pasted-value").exits(ExitCode.USAGE);
    Tool.Result flag = tool.run("revoke-user", "--user", "jdoe", "--dryrun").exits(ExitCode.USAGE);

    assertEquals(List.of("authentik-tokens revoke-user: Unknown option: '--usr'; did you mean --user? (see "
        + "'authentik-tokens revoke-user --help')"), required.errLines());
    assertTrue(withValue.err.startsWith("authentik-tokens refresh list: Unknown option: '--usre'; did you mean --user"),
        withValue.err);
    assertFalse(withValue.err.contains("s3cr3t"), "never the value");
    assertTrue(flag.err.startsWith("authentik-tokens revoke-user: Unknown option: '--dryrun'; did you mean --dry-run"),
        flag.err);
    assertNothingDeleted();
  }

  @Test
  void anArgumentThatCouldBeATokenIsNotShownEvenWithADash() {
    String pasted = "-ak0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";

    Tool.Result result = tool.run("revoke-user", "--user", String.valueOf(jdoe), pasted).exits(ExitCode.USAGE);
    Tool.Result fromEnv = Tool.against(fake).env("AUTHENTIK_TOKEN", "--short").run("refresh", "list", "--short")
        .exits(ExitCode.USAGE);

    assertTrue(result.err.startsWith("authentik-tokens revoke-user: argument 4 is not an option, command or parameter "
        + "here (its value is not shown)"), result.err);
    assertFalse(result.err.contains("ak0123"), result.err);
    assertFalse(fromEnv.err.contains("short"), fromEnv.err);
  }

  @Test
  void aDryRunsTableAndJsonAgreeOnWhatRemains() {
    for (int i = 0; i < 3; i++) {
      fake.addRefreshToken(jdoe, grafana);
    }
    fake.addAuthorizationCode(jdoe, wiki);

    JsonObject json = tool.run("revoke-user", "--user", String.valueOf(jdoe), "--dry-run", "-o", "json").exits(0)
        .object();
    String table = tool.run("revoke-user", "--user", String.valueOf(jdoe), "--dry-run").exits(0).out;

    Matcher rows = Pattern.compile("(?m)^(refresh tokens|access tokens|authorization codes) +\\d+ +\\d+ +\\d+ +(\\d+)$")
        .matcher(table);
    int seen = 0;
    while (rows.find()) {
      String kind = rows.group(1).replace(' ', '_').replaceAll("s$", "") + "s";
      JsonObject ids = json.getAsJsonObject(kind);
      assertEquals(ids.getAsJsonArray("remaining").size(), Integer.parseInt(rows.group(2)), kind + ": " + table);
      assertEquals(ids.getAsJsonArray("found"), ids.getAsJsonArray("remaining"), "a dry run leaves what it found");
      seen++;
    }
    assertEquals(3, seen, table);
    assertEquals(4, tool.run("refresh", "list", "-o", "json").exits(0).array().size()
        + tool.run("codes", "list", "-o", "json").exits(0).array().size());
  }

  private void assertNothingDeleted() {
    List<ReceivedRequest> deletes = fake.requests().stream().filter(request -> request.method().equals("DELETE"))
        .collect(Collectors.toList());
    assertEquals(List.of(), deletes, "nothing deleted");
  }

  private static List<Integer> pks(JsonArray array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(each -> each.getAsJsonObject().get("pk").getAsInt()).sorted().collect(Collectors.toList());
  }

  /** The one page of a list, its results the JSON objects given. */
  private static String page(String... results) {
    return "{\"pagination\": {\"next\": 0, \"previous\": 0, \"count\": " + results.length + ", \"current\": 1, "
        + "\"total_pages\": 1, \"start_index\": 1, \"end_index\": " + results.length + "}, \"results\": ["
        + String.join(", ", results) + "]}";
  }
}
