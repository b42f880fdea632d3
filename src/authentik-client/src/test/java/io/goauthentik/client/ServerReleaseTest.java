package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.goauthentik.client.model.AuthenticatorTOTPChallengeResponseRequest;
import io.goauthentik.client.model.EmailStageRequest;
import io.goauthentik.client.model.MatchingModeEnum;
import io.goauthentik.client.model.OAuth2ProviderRequest;
import io.goauthentik.client.model.RedirectURIRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The server's release (README, "Every release: what it means"): asked once when first needed, pinned by the
 * builder; operations the release certainly lacks fail before sending, the uncertain are sent; bodies
 * in the release's shapes.
 */
@Isolated // reads the SDK's log, which test classes running beside it would write to
class ServerReleaseTest {
  private static final String EMPTY_PAGE = "{\"pagination\": {\"next\": 0, \"previous\": 0, \"count\": 0, \"current\": 1,"
      + " \"total_pages\": 1, \"start_index\": 0, \"end_index\": 0}, \"results\": []}";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private final AtomicInteger versionAsked = new AtomicInteger();
  private final Queue<RecordedRequest> others = new ConcurrentLinkedQueue<>();
  private final LogCapture log = new LogCapture("io.goauthentik.client");
  private volatile MockResponse version = json(200, versionBody("2025.12.6"));
  private volatile MockResponse answer = json(200, EMPTY_PAGE);

  ServerReleaseTest() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().equals("/api/v3/admin/version/")) {
          versionAsked.incrementAndGet();
          return version;
        }
        others.add(request);
        return answer;
      }
    });
  }

  @AfterEach
  void closeLog() {
    log.close();
  }

  @Test
  void fiftyConcurrentFirstCallsAskTheReleaseOnce() throws Exception {
    AuthentikClient client = authentik.client();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(pool.submit(() -> {
          go.await();
          return client.core().coreApplicationEntitlementsList().execute(); // 2025.2.4 and later
        }));
      }
      go.countDown();
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, versionAsked.get());
    assertEquals(50, others.size());
    assertEquals(AuthentikRelease.parse("2025.12.6"), client.serverRelease());
    assertEquals(1, versionAsked.get());
  }

  @Test
  void anOperationOfEveryReleaseNeverAsks() {
    authentik.client().core().coreUsersList().execute();
    assertEquals(0, versionAsked.get());
    assertEquals(1, others.size());
  }

  @Test
  void aPinnedReleaseIsNeverAsked() {
    AuthentikClient client = authentik.client(b -> b.release("2024.6.3"));
    assertEquals(AuthentikRelease.parse("2024.6.3"), client.serverRelease());
    assertThrows(UnsupportedByServerException.class, () -> client.core().coreApplicationEntitlementsList().execute());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aRefusedAskFallsBackToTheNewestWithOneWarning() {
    version = json(403, "{\"detail\": \"Authentication credentials were not provided.\"}");
    AuthentikClient client = authentik.client();
    client.core().coreApplicationEntitlementsList().execute();
    client.core().coreApplicationEntitlementsList().execute();
    assertEquals(1, versionAsked.get());
    assertEquals(2, others.size());
    assertEquals(1, warnings().size(), warnings().toString());
    assertTrue(warnings().get(0).contains("403"), warnings().get(0));
    assertThrows(PermissionDeniedException.class, client::serverRelease);
    assertEquals(1, versionAsked.get());
  }

  @Test
  void garbageFromAdminVersionFallsBackWithOneWarning() {
    for (String garbage : List.of("<html>login</html>", "{\"version_current\": \"banana\"}")) {
      versionAsked.set(0);
      others.clear();
      version = json(200, garbage);
      try (LogCapture each = new LogCapture("io.goauthentik.client")) {
        AuthentikClient client = authentik.client(b -> b); // a new client each time
        client.core().coreApplicationEntitlementsList().execute();
        client.core().coreApplicationEntitlementsList().execute();
        assertEquals(1, versionAsked.get());
        assertEquals(2, others.size());
        assertEquals(1, each.records().stream().filter(r -> r.getLevel() == Level.WARNING).count(), garbage);
        assertThrows(MalformedResponseException.class, client::serverRelease);
      }
    }
  }

  @Test
  void aReleaseOutsideTheKnownOnesWarnsOnceNamingItAndTheRange() {
    version = json(200, versionBody("2023.10.7"));
    AuthentikClient client = authentik.client();
    client.core().coreApplicationEntitlementsList().execute(); // not in 2024.2, sent as to the newest
    client.core().coreApplicationEntitlementsList().execute();
    assertEquals(2, others.size());
    assertEquals(1, warnings().size());
    assertTrue(warnings().get(0).contains("2023.10.7") && warnings().get(0).contains("2024.2 to 2026.5"), warnings().get(0));
    assertEquals(AuthentikRelease.parse("2023.10.7"), client.serverRelease());
  }

  @Test
  void eachCertainAbsenceThrowsBeforeSending() {
    // coreApplicationEntitlementsList: 2025.2.4 and later (2024.10.5 lacks it)
    for (String release : List.of("2024.2.2", "2024.10.0", "2024.10.5")) {
      AuthentikClient client = authentik.client(b -> b.release(release));
      UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
          () -> client.core().coreApplicationEntitlementsList().execute());
      assertEquals(AuthentikRelease.parse(release), e.getServerRelease());
      assertEquals(0, e.getCode());
      assertTrue(e.getMessage().contains("coreApplicationEntitlementsList") && e.getMessage().contains(release)
          && e.getMessage().contains("2025.2.4 and later"), e.getMessage());
    }
    // adminMetricsRetrieve: up to 2025.6.4 (2025.10.4 dropped it)
    for (String release : List.of("2025.10.4", "2025.12.1", "2026.5.6")) {
      AuthentikClient client = authentik.client(b -> b.release(release));
      UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
          () -> client.admin().adminMetricsRetrieve());
      assertTrue(e.getMessage().contains("2024.2.2 to 2025.6.4"), e.getMessage());
      // and the asynchronous call fails the same way, sending nothing
      Exception async = assertThrows(Exception.class, () -> client.admin().adminMetricsRetrieveAsync().get(5, TimeUnit.SECONDS));
      assertTrue(async.getCause() instanceof UnsupportedByServerException, String.valueOf(async.getCause()));
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void eachUncertainCaseIsSentAndANonAuthentik404SaysTheOperationMayNotExist() {
    answer = new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<h1>Not Found</h1>").build();
    // between 2024.10.5 (without) and 2025.2.4 (with); between 2025.6.4 (with) and 2025.10.4 (without)
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> authentik.client(b -> b.release("2024.12.3")).core().coreApplicationEntitlementsList().execute());
    assertTrue(e.getMessage().contains("may not exist in authentik 2024.12.3"), e.getMessage());
    e = assertThrows(NotFoundException.class,
        () -> authentik.client(b -> b.release("2025.8.1")).admin().adminMetricsRetrieve());
    assertTrue(e.getMessage().contains("adminMetricsRetrieve may not exist in authentik 2025.8.1"), e.getMessage());
    assertEquals(2, others.size());

    answer = json(404, "{\"detail\": \"No Application entitlement matches the given query.\"}");
    e = assertThrows(NotFoundException.class,
        () -> authentik.client(b -> b.release("2024.12.3")).core().coreApplicationEntitlementsList().execute());
    assertFalse(e.getMessage().contains("may not exist"), e.getMessage()); // authentik's own 404: no such object
  }

  @Test
  void detectionWorksForAsynchronousCalls() throws Exception {
    version = json(200, versionBody("2024.6.3"));
    AuthentikClient client = authentik.client();
    Exception e = assertThrows(Exception.class,
        () -> client.core().coreApplicationEntitlementsList().executeAsync().get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof UnsupportedByServerException, String.valueOf(e.getCause()));
    assertEquals(1, versionAsked.get());
    assertEquals(0, others.size());
  }

  @Test
  void redirectUrisGoAsOneNewlineSeparatedStringBefore2024_10() {
    answer = json(201, "{\"pk\": 1, \"name\": \"app\"}");
    OAuth2ProviderRequest provider = OAuth2ProviderRequest.builder().name("app").authorizationFlow(UUID.randomUUID())
        .redirectUris(List.of(
            RedirectURIRequest.builder().matchingMode(MatchingModeEnum.STRICT).url("https://app.example.com/cb?x=1").build(),
            RedirectURIRequest.builder().matchingMode(MatchingModeEnum.REGEX).url("https://.*\\.example\\.com/.*").build()))
        .build();

    authentik.client(b -> b.release("2024.6.3")).providers().providersOauth2Create(provider);
    assertEquals("https://app\\.example\\.com/cb\\?x=1\nhttps://.*\\.example\\.com/.*",
        JsonParser.parseString(others.remove().getBody().utf8()).getAsJsonObject().get("redirect_uris").getAsString());

    version = json(200, versionBody("2024.8.2")); // asked: before the 2024.10 line too
    authentik.client().providers().providersOauth2Create(provider);
    assertTrue(JsonParser.parseString(others.remove().getBody().utf8()).getAsJsonObject().get("redirect_uris").isJsonPrimitive());

    authentik.client(b -> b.release("2024.10.0")).providers().providersOauth2Create(provider);
    assertTrue(JsonParser.parseString(others.remove().getBody().utf8()).getAsJsonObject().get("redirect_uris").isJsonArray());
  }

  @Test
  void aProviderReadFromAnOlderReleaseGoesBackUnchangedThroughToRequest() throws Exception {
    // Up to 2024.8 each line was a regular expression: read as matching_mode regex, written back as it was.
    String lines = "https://app\\\\.example\\\\.com/cb\\nhttps://.*\\\\.example\\\\.com/.*";
    io.goauthentik.client.model.OAuth2Provider read = io.goauthentik.client.model.OAuth2Provider.fromJson(
        new com.google.gson.stream.JsonReader(new java.io.StringReader("{\"pk\": 1, \"name\": \"app\","
            + " \"authorization_flow\": \"" + UUID.randomUUID() + "\", \"redirect_uris\": \"" + lines + "\"}")));
    assertEquals(List.of(MatchingModeEnum.REGEX, MatchingModeEnum.REGEX),
        read.getRedirectUris().stream().map(io.goauthentik.client.model.RedirectURI::getMatchingMode)
            .collect(java.util.stream.Collectors.toList()));
    answer = json(200, "{\"pk\": 1, \"name\": \"app\"}");

    authentik.client(b -> b.release("2024.6.3")).providers().providersOauth2Update(1, read.toRequest().build());

    assertEquals("https://app\\.example\\.com/cb\nhttps://.*\\.example\\.com/.*",
        JsonParser.parseString(others.remove().getBody().utf8()).getAsJsonObject().get("redirect_uris").getAsString());
  }

  @Test
  void aValueTheOlderShapeCannotHoldIsRefusedBeforeSending() {
    OAuth2ProviderRequest spaced = OAuth2ProviderRequest.builder().name("app").authorizationFlow(UUID.randomUUID())
        .redirectUris(List.of(RedirectURIRequest.builder().matchingMode(MatchingModeEnum.STRICT)
            .url("https://app.example.com/a b").build())).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> authentik.client(b -> b.release("2024.6.3")).providers().providersOauth2Create(spaced));
    assertTrue(e.getMessage().contains("redirect_uris") && e.getMessage().contains("2024.6.3"), e.getMessage());

    EmailStageRequest seconds = EmailStageRequest.builder().name("email").tokenExpiry("seconds=30").build();
    e = assertThrows(IllegalArgumentException.class,
        () -> authentik.client(b -> b.release("2024.10.5")).stages().stagesEmailCreate(seconds));
    assertTrue(e.getMessage().contains("token_expiry") && e.getMessage().contains("2024.10.5"), e.getMessage());

    AuthenticatorTOTPChallengeResponseRequest leadingZero = AuthenticatorTOTPChallengeResponseRequest.builder()
        .component("ak-stage-authenticator-totp").code("012345").build();
    e = assertThrows(IllegalArgumentException.class,
        () -> authentik.client(b -> b.release("2025.10.4")).flows().flowsExecutorSolve("default", "next=/", leadingZero));
    assertTrue(e.getMessage().contains("code") && e.getMessage().contains("2025.10.4") && !e.getMessage().contains("012345"),
        e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void numbersForOlderReleases() {
    answer = json(201, "{\"pk\": \"" + UUID.randomUUID() + "\", \"name\": \"email\"}");
    authentik.client(b -> b.release("2024.10.5")).stages()
        .stagesEmailCreate(EmailStageRequest.builder().name("email").tokenExpiry("hours=1;minutes=30").build());
    assertEquals(90, JsonParser.parseString(others.remove().getBody().utf8()).getAsJsonObject().get("token_expiry").getAsInt());
    authentik.client(b -> b.release("2025.2.4")).stages()
        .stagesEmailCreate(EmailStageRequest.builder().name("email").tokenExpiry("hours=1;minutes=30").build());
    assertEquals("hours=1;minutes=30",
        JsonParser.parseString(others.remove().getBody().utf8()).getAsJsonObject().get("token_expiry").getAsString());

    answer = json(200, "{\"component\": \"xak-flow-redirect\", \"to\": \"/\"}");
    authentik.client(b -> b.release("2025.10.4")).flows().flowsExecutorSolve("default", "next=/",
        AuthenticatorTOTPChallengeResponseRequest.builder().component("ak-stage-authenticator-totp").code("123456").build());
    String body = others.remove().getBody().utf8();
    assertTrue(JsonParser.parseString(body).getAsJsonObject().get("code").getAsJsonPrimitive().isNumber(), body);
  }

  @Test
  void releasesParseAndOrder() {
    assertEquals("2026.2.0-rc1", AuthentikRelease.parse("2026.2.0-rc1").toString());
    assertTrue(AuthentikRelease.parse("2026.2.0-rc1").compareTo(AuthentikRelease.parse("2026.2.0")) < 0);
    assertTrue(AuthentikRelease.parse("2025.10.4").compareTo(AuthentikRelease.parse("2025.2.9")) > 0);
    assertEquals(AuthentikRelease.parse("2025.10"), AuthentikRelease.parse("2025.10.0"));
    assertThrows(IllegalArgumentException.class, () -> AuthentikRelease.parse("latest"));
    assertThrows(IllegalArgumentException.class, () -> AuthentikClient.builder().release("2025"));
  }

  private List<String> warnings() {
    return log.records().stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }

  private static String versionBody(String release) {
    return "{\"version_current\": \"" + release + "\", \"version_latest\": \"" + release + "\", \"version_latest_valid\": true,"
        + " \"build_hash\": \"\", \"outdated\": false, \"outpost_outdated\": false}";
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
