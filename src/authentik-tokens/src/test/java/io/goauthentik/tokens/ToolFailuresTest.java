package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exit code of each kind of failure, with one line on stderr and no stack trace (unless
 * --debug), never the token: the fake for 404 and 403, MockWebServer for the rest.
 */
class ToolFailuresTest {
  private static final String TOKEN = "ak-failures-test-token-0123456789";
  static final String RELEASE = "2024.10.5";
  /** What {@code GET /core/users/7/} answers: revoke-user reads the user before it lists. */
  private static final String USER_7 = TestModels.user().pk(7).toJson();

  private final MockWebServer server = new MockWebServer();
  private final Tool tool;

  ToolFailuresTest() throws IOException {
    server.start();
    tool = new Tool().env("AUTHENTIK_URL", server.url("/").toString()).env("AUTHENTIK_TOKEN", TOKEN);
  }

  @AfterEach
  void close() {
    server.close();
  }

  /** The text of {@code src/authentik-client/src/test/resources/fixtures/<release>/<file>}. */
  static String fixture(String file) {
    try (InputStream in = ToolFailuresTest.class.getResourceAsStream("/fixtures/" + RELEASE + "/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private Tool.Result failsWith(int code, String label, String... args) {
    Tool.Result result = tool.run(args).exits(code);
    assertEquals(1, result.errLines().size(), "one line: " + result.err);
    assertTrue(result.err.startsWith("authentik-tokens: " + label + ": "), result.err);
    assertFalse(result.err.contains(TOKEN) || result.out.contains(TOKEN), "never the token");
    assertFalse(result.err.contains("\tat "), "no stack trace");
    return result;
  }

  @Test
  void notFound() {
    try (FakeAuthentik fake = FakeAuthentik.start()) {
      Tool.Result result = Tool.against(fake).run("access", "get", "42").exits(ExitCode.NOT_FOUND);

      assertEquals(List.of("authentik-tokens: not found: GET /api/v3/oauth2/access_tokens/42/: 404 No AccessToken "
          + "matches the given query."), result.errLines());
      assertEquals("", result.out);
    }
  }

  @Test
  void permissionDeniedForAWrongToken() {
    try (FakeAuthentik fake = FakeAuthentik.start()) {
      Tool.Result result = new Tool().env("AUTHENTIK_URL", fake.url()).env("AUTHENTIK_TOKEN", TOKEN)
          .run("refresh", "list").exits(ExitCode.DENIED);

      assertEquals(List.of("authentik-tokens: permission denied: GET /api/v3/oauth2/refresh_tokens/: 403 Token "
          + "invalid/expired"), result.errLines());
    }
  }

  @Test
  void authenticationFailed() {
    server.enqueue(json(401, "{\"detail\": \"Authentication credentials were not provided.\"}"));

    failsWith(ExitCode.DENIED, "permission denied", "refresh", "get", "1");
  }

  @Test
  void validation() {
    server.enqueue(json(400, "{\"user\": [\"A valid integer is required.\"]}"));

    failsWith(ExitCode.VALIDATION, "rejected", "refresh", "list", "--user", "7");
  }

  @Test
  void rateLimitedSaysHowLongToWait() {
    // Longer than the client's longest retry wait: no retry, the failure at once.
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

    Tool.Result result = failsWith(ExitCode.RATE_LIMITED, "rate limited", "codes", "list");

    assertTrue(result.err.endsWith("(the server asks to wait 3600 s)\n"), result.err);
  }

  @Test
  void serverError() {
    server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/html")
        .body("<html>Internal Server Error</html>").build());

    failsWith(ExitCode.SERVER_ERROR, "server error", "refresh", "used-by", "3");
  }

  @Test
  void transportError() {
    // The connection drops after the response started: not retried, so no wait.
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(fixture("refresh_token.json")).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

    failsWith(ExitCode.TRANSPORT, "no response", "refresh", "get", "1");
  }

  @Test
  void malformedResponse() {
    server.enqueue(json(200, "<html>a login page of a proxy</html>"));

    failsWith(ExitCode.MALFORMED, "malformed response", "refresh", "get", "1");
  }

  @Test
  void aListThatIgnoredItsFilterExitsMalformedAndPrintsNoneOfTheOthersGrants() {
    // The fixture's grants are all user 7's at provider 6, whatever the query asks.
    servePages();
    for (String[] filter : List.of(new String[] {"--user", "1"}, new String[] {"--provider", "3"},
        new String[] {"--user", "7", "--provider", "3"})) {
      for (String format : List.of("ndjson", "json", "table")) {
        List<String> args = new ArrayList<>(List.of("refresh", "list", "-o", format));
        args.addAll(List.of(filter));

        Tool.Result result = failsWith(ExitCode.MALFORMED, "malformed response", args.toArray(String[]::new));

        assertTrue(result.err.contains("refresh token 17 of " + (filter[filter.length - 2].equals("--user") ? "user 7" : "provider 6")),
            result.err);
        assertEquals("", result.out, format + ": nothing printed of a list that is not what was asked");
      }
    }
    assertEquals(5, tool.run("refresh", "list", "--user", "7", "--provider", "6", "-o", "ndjson").exits(0).lines()
        .size(), "a list that is what was asked");
  }

  @Test
  void aListFilteredByUserRefusesAGrantWhoseOwnerItCannotSee() {
    server.enqueue(json(200, page("{\"pk\": 5, \"user\": null, \"provider\": {\"pk\": 6}}")));
    server.enqueue(json(200, page("{\"pk\": 5, \"user\": {\"pk\": 7}, \"provider\": null}")));

    Tool.Result user = failsWith(ExitCode.MALFORMED, "malformed response", "codes", "list", "--user", "7");
    Tool.Result provider = failsWith(ExitCode.MALFORMED, "malformed response", "codes", "list", "--provider", "6");

    assertTrue(user.err.contains("authorization code 5 of an unknown user"), user.err);
    assertTrue(provider.err.contains("authorization code 5 of an unknown provider"), provider.err);
  }

  @Test
  void aNullOrAGrantWithoutPkInAnAnswerIsMalformed() {
    server.enqueue(json(200, page("null")));
    server.enqueue(json(200, page("{\"user\": {\"pk\": 7}}")));
    server.enqueue(json(200, USER_7)); // revoke-user reads the user first
    server.enqueue(json(200, page("null")));
    server.enqueue(json(200, "[null]"));

    failsWith(ExitCode.MALFORMED, "malformed response", "refresh", "list");
    failsWith(ExitCode.MALFORMED, "malformed response", "access", "list", "-o", "ndjson");
    failsWith(ExitCode.MALFORMED, "malformed response", "revoke-user", "--user", "7", "--yes");
    failsWith(ExitCode.MALFORMED, "malformed response", "refresh", "used-by", "3");
  }

  @Test
  void revokeUserDeletesNothingOfAListWithAGrantWhoseOwnerItCannotSee() {
    server.enqueue(json(200, USER_7));
    server.enqueue(json(200, page("{\"pk\": 5, \"user\": null, \"provider\": {\"pk\": 6}}")));
    server.enqueue(json(200, page("")));
    server.enqueue(json(200, page("")));

    Tool.Result result = failsWith(ExitCode.MALFORMED, "malformed response", "revoke-user", "--user", "7", "--yes");

    assertTrue(result.err.contains("of an unknown user"), result.err);
    for (int i = server.getRequestCount(); i > 0; i--) {
      assertEquals("GET", takeRequest().getMethod(), "nothing deleted");
    }
  }

  @Test
  void aGetAnsweredWithoutPkIsMalformed() {
    server.enqueue(json(200, "{\"status\": \"ok\"}"));

    Tool.Result result = failsWith(ExitCode.MALFORMED, "malformed response", "refresh", "get", "4");

    assertEquals("", result.out);
  }

  @Test
  void anotherStatus() {
    server.enqueue(json(418, "{\"detail\": \"I'm a teapot\"}"));

    failsWith(ExitCode.OTHER_HTTP, "HTTP error", "refresh", "get", "1");
  }

  @Test
  void debugAddsTheStackTrace() {
    server.enqueue(json(400, "{\"user\": [\"A valid integer is required.\"]}"));

    Tool.Result result = tool.run("refresh", "list", "--debug").exits(ExitCode.VALIDATION);

    assertTrue(result.errLines().get(0).startsWith("authentik-tokens: rejected: "), result.err);
    assertTrue(result.err.contains("\tat io.goauthentik."), result.err);
    assertFalse(result.err.contains(TOKEN));
  }

  @Test
  void aFailureOnALaterPageKeepsTheNdjsonLinesAndPrintsNoHalfJsonDocument() {
    server.enqueue(json(200, fixture("refresh_tokens_page1.json")));
    server.enqueue(new MockResponse.Builder().code(500).build()); // not retried
    Tool.Result ndjson = tool.run("refresh", "list", "-o", "ndjson").exits(ExitCode.SERVER_ERROR);

    server.enqueue(json(200, fixture("refresh_tokens_page1.json")));
    server.enqueue(new MockResponse.Builder().code(500).build());
    Tool.Result json = tool.run("refresh", "list", "-o", "json").exits(ExitCode.SERVER_ERROR);

    assertEquals(2, ndjson.lines().size(), "page 1's results: " + ndjson.out);
    assertEquals("", json.out, "a JSON document is printed whole or not at all");
  }

  /** The fixture's three pages of refresh tokens, whatever the filters ask. */
  private void servePages() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        int page = target.contains("page=3") ? 3 : target.contains("page=2") ? 2 : 1;
        return json(200, fixture("refresh_tokens_page" + page + ".json"));
      }
    });
  }

  /** One page (the only one) whose results are {@code results}, a JSON array's items. */
  private static String page(String results) {
    return "{\"pagination\": {\"next\": 0, \"previous\": 0, \"count\": 1, \"current\": 1, \"total_pages\": 1, "
        + "\"start_index\": 1, \"end_index\": 1}, \"results\": [" + results + "]}";
  }

  private RecordedRequest takeRequest() {
    try {
      return server.takeRequest();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
