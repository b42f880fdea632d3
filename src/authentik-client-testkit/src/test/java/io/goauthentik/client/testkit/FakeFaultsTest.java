package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.AuthentikClient;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults on the wire, seen with the JDK's own HTTP client (the SDK's reactions are in
 * io.goauthentik.client.RecoveryTest): what each sends, which requests it takes, how often; and the
 * recorder, which never keeps a credential.
 */
class FakeFaultsTest {
  private static final String TOKENS = "/api/v3/oauth2/refresh_tokens/";

  private final FakeAuthentik fake = FakeAuthentik.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int id = fake.addRefreshToken(fake.addUser("jdoe"), fake.addProvider("Grafana"));

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void tooManyRequestsSaysWhenToComeBackAsDjangoRestFrameworkDoes() throws Exception {
    fake.inject(Fault.tooManyRequests(Duration.ofMillis(2500)));

    HttpResponse<String> throttled = get(TOKENS);

    assertEquals(429, throttled.statusCode());
    assertEquals(Optional.of("3"), throttled.headers().firstValue("Retry-After"), "rounded up to seconds");
    assertEquals("Request was throttled. Expected available in 3 seconds.", detail(throttled));
    assertEquals(200, get(TOKENS).statusCode(), "once by default");
  }

  @Test
  void errorPagesAreHtmlAsAProxySendsThem() throws Exception {
    fake.inject(Fault.htmlErrorPage(502)).inject(Fault.serviceUnavailable())
        .inject(Fault.serviceUnavailable(Duration.ofSeconds(120)));

    HttpResponse<String> badGateway = get(TOKENS);
    HttpResponse<String> unavailable = get(TOKENS);
    HttpResponse<String> maintenance = get(TOKENS);

    assertEquals(502, badGateway.statusCode());
    assertEquals(Optional.of("text/html"), badGateway.headers().firstValue("Content-Type"));
    assertTrue(badGateway.body().contains("<h1>502 Bad Gateway</h1>"), badGateway.body());
    assertEquals(503, unavailable.statusCode());
    assertEquals(Optional.empty(), unavailable.headers().firstValue("Retry-After"));
    assertEquals(Optional.of("120"), maintenance.headers().firstValue("Retry-After"));
  }

  @Test
  void respondSendsAnyAnswer() throws Exception {
    fake.inject(Fault.respond(200, "application/json", "{\"pagination\": {}, \"results\": [{\"pk\": \"x\"}]}"));

    HttpResponse<String> answer = get(TOKENS);

    assertEquals(200, answer.statusCode());
    assertEquals("{\"pagination\": {}, \"results\": [{\"pk\": \"x\"}]}", answer.body());
  }

  @Test
  void disconnectClosesTheConnectionWithoutAByteOfAnswer() throws Exception {
    fake.inject(Fault.disconnect());
    URI url = URI.create(fake.url());
    byte[] answer;
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + TOKENS + " HTTP/1.1\r\nHost: " + url.getAuthority()
          + "\r\nAuthorization: Bearer " + fake.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      answer = socket.getInputStream().readAllBytes(); // until the fake closes the connection
    }

    assertEquals(0, answer.length);
    assertEquals(200, get(TOKENS).statusCode(), "the next request is answered");
    assertEquals(2, fake.requests().size(), "the dropped request was received and recorded");
  }

  @Test
  void delayHoldsTheAnswerThenSendsTheUsualOne() throws Exception {
    fake.inject(Fault.delay(Duration.ofMillis(300)));
    long start = System.nanoTime();

    HttpResponse<String> slow = get(TOKENS + id + "/");

    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "answered after the delay");
    assertEquals(200, slow.statusCode());
    assertEquals(id, JsonParser.parseString(slow.body()).getAsJsonObject().get("pk").getAsInt());
  }

  @Test
  void closingTheFakeEndsADelayAtOnce() throws Exception {
    fake.inject(Fault.delay(Duration.ofHours(1)));
    CompletableFuture<HttpResponse<String>> held = http.sendAsync(request(TOKENS), HttpResponse.BodyHandlers.ofString());
    fake.awaitRequests(1, Duration.ofSeconds(10));

    fake.close();

    Exception e = assertThrows(Exception.class, () -> held.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IOException, e.toString());
  }

  @Test
  void unknownFieldsAndValuesChangeTheUsualAnswerEverywhere() throws Exception {
    fake.inject(Fault.unknownFieldsAndValues().times(2));

    JsonObject token = JsonParser.parseString(get(TOKENS + id + "/").body()).getAsJsonObject();
    HttpResponse<String> missing = get(TOKENS + "999/");

    assertTrue(token.has("added_in_a_later_release"));
    assertTrue(token.getAsJsonObject("user").has("added_in_a_later_release"));
    assertTrue(token.getAsJsonObject("provider").has("added_in_a_later_release"));
    assertEquals("added_in_a_later_release", token.getAsJsonObject("user").get("type").getAsString());
    assertEquals(id, token.get("pk").getAsInt(), "the rest is the usual answer");
    assertEquals(404, missing.statusCode());
    assertEquals("{\"detail\":\"No RefreshToken matches the given query.\"}", missing.body(), "errors stay as they are");
  }

  @Test
  void aFaultTakesOnlyTheRequestsItNamesAsOftenAsItSays() throws Exception {
    fake.inject(Fault.htmlErrorPage(500).on("DELETE", "/api/v3/oauth2/*/*/").times(2));
    fake.inject(Fault.tooManyRequests(Duration.ZERO).on("get", "/api/v3/oauth2/access_tokens/**"));

    assertEquals(200, get(TOKENS + id + "/").statusCode(), "a GET of that path");
    assertEquals(200, get(TOKENS).statusCode());
    assertEquals(429, get("/api/v3/oauth2/access_tokens/?page=2").statusCode(), "the query does not count");
    assertEquals(500, send("DELETE", TOKENS + id + "/").statusCode());
    assertEquals(500, send("DELETE", TOKENS + id + "/").statusCode());
    assertEquals(204, send("DELETE", TOKENS + id + "/").statusCode(), "used up after two");
  }

  @Test
  void faultsApplyInTheOrderInjectedAndAlwaysLastsUntilCleared() throws Exception {
    fake.inject(Fault.htmlErrorPage(502)).inject(Fault.serviceUnavailable().always()).inject(Fault.disconnect());

    List<Integer> statuses = List.of(get(TOKENS).statusCode(), get(TOKENS).statusCode(), get(TOKENS).statusCode());
    fake.clearFaults();

    assertEquals(List.of(502, 503, 503), statuses, "the disconnect never comes: always() takes every request");
    assertEquals(200, get(TOKENS).statusCode());
  }

  @Test
  void theRecorderKeepsMethodPathQueryAndHeadersButNoCredential() throws Exception {
    try (AuthentikClient client = fake.clientBuilder().build()) {
      client.oauth2().oauth2RefreshTokensList().user(1).ordering("-expires").execute();
      client.oauth2().oauth2RefreshTokensDestroy(id);
    }
    http.send(HttpRequest.newBuilder(URI.create(fake.url() + TOKENS)).header("Authorization", fake.token())
        .header("Cookie", "sessionid=s3cr3t").build(), HttpResponse.BodyHandlers.ofString());

    List<ReceivedRequest> requests = fake.requests();

    assertEquals(List.of("GET " + TOKENS + "?ordering=-expires&user=1", "DELETE " + TOKENS + id + "/", "GET " + TOKENS),
        requests.stream().map(ReceivedRequest::toString).collect(Collectors.toList()));
    ReceivedRequest list = requests.get(0);
    assertEquals("GET", list.method());
    assertEquals(TOKENS, list.path());
    assertEquals(Optional.of("-expires"), list.queryParameter("ordering"));
    assertEquals(Optional.empty(), list.queryParameter("page"));
    assertEquals(Optional.of("Bearer ****"), list.header("authorization"));
    assertTrue(list.header("User-Agent").orElseThrow().startsWith("authentik-client-java/"));
    assertEquals(Optional.of("****"), requests.get(2).header("Authorization"), "no scheme: all of it redacted");
    assertEquals(Optional.of("****"), requests.get(2).header("Cookie"));
    for (ReceivedRequest request : requests) {
      assertFalse(request.headers().toString().contains(fake.token()), request.headers().toString());
      assertFalse(request.headers().toString().contains("s3cr3t"));
    }
  }

  @Test
  void awaitRequestsWaitsForRequestsMadeElsewhereAndSaysWhatCameWhenTheyDoNot() throws Exception {
    fake.inject(Fault.delay(Duration.ofHours(1)).on("GET", TOKENS + "*/"));
    http.sendAsync(request(TOKENS + id + "/"), HttpResponse.BodyHandlers.ofString());

    List<ReceivedRequest> arrived = fake.awaitRequests(1, Duration.ofSeconds(10));

    assertEquals(TOKENS + id + "/", arrived.get(0).path(), "recorded on arrival, before the answer");
    AssertionError e = assertThrows(AssertionError.class, () -> fake.awaitRequests(2, Duration.ofMillis(50)));
    assertTrue(e.getMessage().contains("received 1: [GET " + TOKENS + id + "/]"), e.getMessage());
  }

  @Test
  void faultsSayWhatIsWrongWithThem() {
    assertThrows(IllegalArgumentException.class, () -> Fault.htmlErrorPage(302));
    assertThrows(IllegalArgumentException.class, () -> Fault.respond(204, "application/json", ""));
    assertThrows(IllegalArgumentException.class, () -> Fault.tooManyRequests(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> Fault.disconnect().times(0));
    assertThrows(NullPointerException.class, () -> fake.inject(null));
    assertEquals("Fault{respond 429 {Retry-After=0} on DELETE /api/v3/**, 3x}",
        Fault.tooManyRequests(Duration.ZERO).on("delete", "/api/v3/**").times(3).toString());
    assertEquals("Fault{disconnect on * **, always}", Fault.disconnect().always().toString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(fake.url() + path)).method(method, HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "Bearer " + fake.token()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(fake.url() + path)).header("Authorization", "Bearer " + fake.token()).build();
  }

  private static String detail(HttpResponse<String> response) {
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    assertNotNull(body.get("detail"), response.body());
    return body.get("detail").getAsString();
  }
}
