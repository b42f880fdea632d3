package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** revoke-user: TokenRevoker from the command line, its confirmation, its output and its progress. */
class ToolRevokeUserTest {
  private final FakeAuthentik fake = FakeAuthentik.start();
  private final AuthentikClient client = fake.clientBuilder().build();
  private final Oauth2Api oauth2 = client.oauth2();
  private final int jdoe = fake.addUser("jdoe");
  private final int alice = fake.addUser("alice");
  private final int grafana = fake.addProvider("Grafana");
  private final int wiki = fake.addProvider("Wiki");
  private final Tool tool = Tool.against(fake);

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  @Test
  void revokesAll250GrantsOfTheUserAndNoneOfTheOthers() {
    Map<TokenKind, Set<Integer>> jdoes = seed(jdoe, 100, 100, 50);
    Map<TokenKind, Set<Integer>> alices = seed(alice, 20, 20, 10);

    JsonObject summary = tool.run("revoke-user", "--user", String.valueOf(jdoe), "--yes", "-o", "json").exits(0).object();

    assertEquals(jdoe, summary.get("user").getAsInt());
    assertTrue(summary.get("provider").isJsonNull());
    assertFalse(summary.get("dry_run").getAsBoolean());
    assertTrue(summary.get("complete").getAsBoolean());
    assertEquals(1, summary.get("rounds").getAsInt());
    for (TokenKind kind : TokenKind.values()) {
      JsonObject ids = summary.getAsJsonObject(Records.kindName(kind) + "s");
      assertEquals(jdoes.get(kind), ints(ids, "found"), kind.toString());
      assertEquals(jdoes.get(kind), ints(ids, "revoked"), kind.toString());
      assertEquals(Set.of(), ints(ids, "already_gone"));
      assertEquals(Set.of(), ints(ids, "remaining"));
    }
    assertEquals(Map.of(TokenKind.REFRESH_TOKEN, Set.of(), TokenKind.ACCESS_TOKEN, Set.of(),
        TokenKind.AUTHORIZATION_CODE, Set.of()), left(jdoe));
    assertEquals(alices, left(alice));
  }

  @Test
  void onlyTheProvidersGrantsWithProvider() {
    int kept = fake.addRefreshToken(jdoe, wiki);
    fake.addRefreshToken(jdoe, grafana);
    fake.addAccessToken(jdoe, grafana);

    tool.run("revoke-user", "--user", String.valueOf(jdoe), "--provider", String.valueOf(grafana), "--yes").exits(0);

    assertEquals(Set.of(kept), left(jdoe).get(TokenKind.REFRESH_TOKEN));
    assertEquals(Set.of(), left(jdoe).get(TokenKind.ACCESS_TOKEN));
  }

  @Test
  void withoutATerminalYesIsRequired() {
    seed(jdoe, 3, 3, 3);

    Tool.Result result = tool.run("revoke-user", "--user", String.valueOf(jdoe)).exits(ExitCode.USAGE);

    assertEquals(1, result.errLines().size(), result.err);
    assertTrue(result.err.startsWith("authentik-tokens revoke-user: --yes is required"), result.err);
    assertEquals("", result.out);
    assertEquals(9, count(left(jdoe)), "nothing revoked");
  }

  @Test
  void aTokenReadFromStdinLeavesNobodyToAsk() {
    seed(jdoe, 1, 0, 0);

    Tool.Result result = new Tool().terminal(true, true).env("AUTHENTIK_URL", fake.url()).stdin(fake.token() + "\n")
        .run("revoke-user", "--user", String.valueOf(jdoe), "--token-file", "-").exits(ExitCode.USAGE);

    assertTrue(result.err.contains("--yes is required"), result.err);
    assertEquals(1, count(left(jdoe)));
  }

  @Test
  void onATerminalItAsksAndRevokesOnYes() {
    seed(jdoe, 2, 1, 1);

    Tool.Result result = tool.terminal(true, false).stdin("y\n").run("revoke-user", "--user", String.valueOf(jdoe))
        .exits(0);

    assertTrue(result.err.contains("Revoke 2 refresh tokens, 1 access token and 1 authorization code of jdoe (pk "
        + jdoe + ")? [y/N] "), result.err);
    assertEquals(0, count(left(jdoe)));
    assertTrue(result.out.contains("Every grant of jdoe (pk " + jdoe + ") is revoked (1 round)."), result.out);
  }

  @Test
  void onATerminalAnythingButYesRevokesNothing() {
    seed(jdoe, 2, 1, 1);

    Tool.Result no = tool.terminal(true, false).stdin("n\n").run("revoke-user", "--user", String.valueOf(jdoe))
        .exits(ExitCode.NOT_DONE);
    Tool.Result closed = tool.terminal(true, false).stdin("").run("revoke-user", "--user", String.valueOf(jdoe))
        .exits(ExitCode.NOT_DONE);

    assertTrue(no.err.endsWith("authentik-tokens: not done: nothing revoked (not confirmed)\n"), no.err);
    assertTrue(closed.err.contains("not confirmed"), closed.err);
    assertEquals(4, count(left(jdoe)));
  }

  @Test
  void dryRunRevokesNothingAndNeedsNoYes() {
    Map<TokenKind, Set<Integer>> jdoes = seed(jdoe, 3, 2, 1);

    List<JsonObject> lines = tool.run("revoke-user", "--user", String.valueOf(jdoe), "--dry-run", "-o", "ndjson")
        .exits(0).lines();
    String table = tool.run("revoke-user", "--user", String.valueOf(jdoe), "--dry-run").exits(0).out;

    assertEquals(6, lines.size());
    lines.forEach(line -> assertEquals("would_revoke", line.get("status").getAsString()));
    assertEquals(jdoes.get(TokenKind.REFRESH_TOKEN), lines.stream()
        .filter(line -> line.get("kind").getAsString().equals("refresh_token"))
        .map(line -> line.get("pk").getAsInt()).collect(Collectors.toCollection(TreeSet::new)));
    assertTrue(table.matches("(?s)KIND +FOUND +WOULD REVOKE +ALREADY GONE +REMAINING\n"
        + "refresh tokens +3 +3 +0 +3\naccess tokens +2 +2 +0 +2\nauthorization codes +1 +1 +0 +1\n"
        + "Dry run: nothing revoked for jdoe \\(pk " + jdoe + "\\)\\.\n"), table);
    assertEquals(jdoes, left(jdoe));
  }

  @Test
  void ndjsonSaysWhatHappenedToEachGrantAsItHappens() {
    Map<TokenKind, Set<Integer>> jdoes = seed(jdoe, 120, 0, 5);

    List<JsonObject> lines = tool.run("revoke-user", "--user", String.valueOf(jdoe), "--yes", "-o", "ndjson").exits(0)
        .lines();

    assertEquals(125, lines.size());
    lines.forEach(line -> assertEquals("revoked", line.get("status").getAsString()));
    assertEquals("authorization_code", lines.get(0).get("kind").getAsString(), "codes first, as TokenRevoker does");
    assertEquals(jdoes.get(TokenKind.REFRESH_TOKEN), lines.stream()
        .filter(line -> line.get("kind").getAsString().equals("refresh_token"))
        .map(line -> line.get("pk").getAsInt()).collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void progressOnAStderrTerminalOnly() {
    seed(jdoe, 30, 0, 0);
    seed(alice, 30, 0, 0);

    Tool.Result terminal = tool.terminal(false, true).run("revoke-user", "--user", String.valueOf(jdoe), "--yes");
    Tool.Result script = tool.terminal(false, false).run("revoke-user", "--user", String.valueOf(alice), "--yes");

    terminal.exits(0);
    assertTrue(terminal.err.contains("\r\033[Krevoking grants 1/30"), terminal.err);
    assertTrue(terminal.err.contains("\r\033[Krevoking grants 30/30"), terminal.err);
    assertTrue(terminal.err.endsWith("\r\033[K"), "the line is erased at the end");
    script.exits(0);
    assertEquals("", script.err);
  }

  @Test
  void aTokenThatMayNotDeleteStopsWithPermissionDenied() {
    seed(jdoe, 2, 0, 0);

    Tool.Result result = new Tool().env("AUTHENTIK_URL", fake.url()).env("AUTHENTIK_TOKEN", fake.readOnlyToken())
        .run("revoke-user", "--user", String.valueOf(jdoe), "--yes").exits(ExitCode.DENIED);

    assertEquals(1, result.errLines().size(), result.err);
    assertTrue(result.err.startsWith("authentik-tokens: permission denied: DELETE /api/v3/oauth2/refresh_tokens/"),
        result.err);
    assertFalse(result.err.contains(fake.readOnlyToken()));
    assertEquals(2, count(left(jdoe)));
  }

  @Test
  void aFailureMidwayStillSaysWhatWasRevoked() {
    // Codes go first, then refresh tokens; the DELETE of an access token (the 10th to start,
    // after at least 6 others finished, 4 in flight at most) is refused.
    fake.inject(Fault.respond(403, "application/json", "{\"detail\": \"You do not have permission to perform this "
        + "action.\"}").on("DELETE", "/api/v3/oauth2/access_tokens/**").always());
    for (String format : List.of("json", "ndjson", "table")) {
      int user = fake.addUser("user-" + format); // a DELETE cancelled by one run may still arrive during the next
      Map<TokenKind, Set<Integer>> seeded = seed(user, 4, 3, 5);

      Tool.Result result = tool.run("revoke-user", "--user", String.valueOf(user), "--yes", "-o", format)
          .exits(ExitCode.DENIED);

      Map<TokenKind, Integer> reported = new EnumMap<>(TokenKind.class);
      Map<TokenKind, Set<Integer>> left = left(user);
      if (format.equals("json")) {
        JsonObject summary = result.object();
        assertFalse(summary.get("complete").getAsBoolean());
        for (TokenKind kind : TokenKind.values()) {
          Set<Integer> revoked = ints(summary.getAsJsonObject(Records.kindName(kind) + "s"), "revoked");
          revoked.forEach(id -> assertFalse(left.get(kind).contains(id), "reported revoked, still there: " + id));
          reported.put(kind, revoked.size());
        }
        assertEquals(seeded.get(TokenKind.ACCESS_TOKEN), ints(summary.getAsJsonObject("access_tokens"), "remaining"));
      } else if (format.equals("ndjson")) {
        Set<Integer> remaining = new TreeSet<>();
        for (JsonObject line : result.lines()) {
          TokenKind kind = TokenKind.valueOf(line.get("kind").getAsString().toUpperCase(java.util.Locale.ROOT));
          if (line.get("status").getAsString().equals("remaining")) { // not known to be revoked, printed last
            if (kind == TokenKind.ACCESS_TOKEN) {
              remaining.add(line.get("pk").getAsInt());
            }
            continue;
          }
          assertEquals("revoked", line.get("status").getAsString(), line.toString());
          assertFalse(left.get(kind).contains(line.get("pk").getAsInt()), "reported revoked, still there: " + line);
          reported.merge(kind, 1, Integer::sum);
        }
        assertEquals(seeded.get(TokenKind.ACCESS_TOKEN), remaining);
      } else {
        Matcher rows = Pattern.compile("(?m)^(refresh tokens|access tokens|authorization codes) +(\\d+) +(\\d+) +")
            .matcher(result.out);
        while (rows.find()) {
          TokenKind kind = TokenKind.valueOf(rows.group(1).replace(' ', '_').replaceAll("s$", "")
              .toUpperCase(java.util.Locale.ROOT));
          reported.put(kind, Integer.parseInt(rows.group(3)));
          assertTrue(seeded.get(kind).size() - left.get(kind).size() >= reported.get(kind), result.out);
        }
        assertTrue(result.out.startsWith("KIND "), result.out);
        assertTrue(result.out.endsWith("Stopped by the failure below; what is not revoked remains: run it again.\n"),
            result.out);
      }
      assertTrue(reported.values().stream().mapToInt(Integer::intValue).sum() >= 6, format + ": " + reported);
      assertEquals(0, reported.getOrDefault(TokenKind.ACCESS_TOKEN, 0));
      assertEquals(seeded.get(TokenKind.ACCESS_TOKEN), left.get(TokenKind.ACCESS_TOKEN));
      assertEquals(1, result.errLines().size(), result.err);
      assertTrue(result.err.startsWith("authentik-tokens: permission denied: DELETE /api/v3/oauth2/access_tokens/"),
          result.err);
    }
  }

  private Map<TokenKind, Set<Integer>> seed(int user, int refresh, int access, int codes) {
    Map<TokenKind, Set<Integer>> ids = new EnumMap<>(TokenKind.class);
    for (TokenKind kind : TokenKind.values()) {
      ids.put(kind, new TreeSet<>());
    }
    for (int i = 0; i < refresh; i++) {
      ids.get(TokenKind.REFRESH_TOKEN).add(fake.addRefreshToken(user, i % 2 == 0 ? grafana : wiki));
    }
    for (int i = 0; i < access; i++) {
      ids.get(TokenKind.ACCESS_TOKEN).add(fake.addAccessToken(user, i % 2 == 0 ? grafana : wiki));
    }
    for (int i = 0; i < codes; i++) {
      ids.get(TokenKind.AUTHORIZATION_CODE).add(fake.addAuthorizationCode(user, i % 2 == 0 ? grafana : wiki));
    }
    return ids;
  }

  /** What the user still holds, listed through the SDK. */
  private Map<TokenKind, Set<Integer>> left(int user) {
    Map<TokenKind, Set<Integer>> ids = new EnumMap<>(TokenKind.class);
    ids.put(TokenKind.REFRESH_TOKEN, StreamSupport.stream(oauth2.oauth2RefreshTokensList().user(user).iterateAll()
        .spliterator(), false).map(each -> each.getPk()).collect(Collectors.toCollection(TreeSet::new)));
    ids.put(TokenKind.ACCESS_TOKEN, StreamSupport.stream(oauth2.oauth2AccessTokensList().user(user).iterateAll()
        .spliterator(), false).map(each -> each.getPk()).collect(Collectors.toCollection(TreeSet::new)));
    ids.put(TokenKind.AUTHORIZATION_CODE, StreamSupport.stream(oauth2.oauth2AuthorizationCodesList().user(user)
        .iterateAll().spliterator(), false).map(each -> each.getPk()).collect(Collectors.toCollection(TreeSet::new)));
    return ids;
  }

  private static int count(Map<TokenKind, Set<Integer>> ids) {
    return ids.values().stream().mapToInt(Set::size).sum();
  }

  private static Set<Integer> ints(JsonObject object, String name) {
    Set<Integer> ints = new TreeSet<>();
    object.getAsJsonArray(name).forEach(each -> ints.add(each.getAsInt()));
    return ints;
  }
}
