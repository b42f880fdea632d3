package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.revocation.RevocationResult;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.revocation.TokenRevoker;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TokenRevoker against the stateful fake, whose pages shift as grants are deleted and which fails
 * on demand (a 500), and against MockWebServer for what the fake does not do (a server that
 * ignores the filter).
 */
class TokenRevokerTest {
  @RegisterExtension final MockAuthentik mock = new MockAuthentik().configure(b -> b.maxRetries(0));

  private final FakeAuthentik fake = FakeAuthentik.start();
  private final AuthentikClient client = fake.clientBuilder().build();
  private final Oauth2Api oauth2 = client.oauth2();
  private final int jdoe = fake.addUser("jdoe");
  private final int alice = fake.addUser("alice");
  private final int bob = fake.addUser("bob");
  private final int grafana = fake.addProvider("Grafana");
  private final int jellyfin = fake.addProvider("Jellyfin");

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  @Test
  void revokesEveryGrantOfTheUserAndNoneOfTheOthers() {
    // 250 of jdoe's (120 refresh tokens, 80 access tokens, 50 codes over two providers) among
    // 150 of alice's and bob's, added in a shuffled order so the ids interleave.
    Seeded seeded = seed(Map.of(jdoe, new int[] {120, 80, 50}, alice, new int[] {50, 40, 10},
        bob, new int[] {25, 20, 5}));
    Thread caller = Thread.currentThread();
    Map<TokenKind, Integer> collected = new EnumMap<>(TokenKind.class);
    List<String> done = new ArrayList<>();
    TokenRevoker.Listener progress = new TokenRevoker.Listener() {
      @Override
      public void collected(int round, TokenKind kind, List<Integer> ids) {
        assertSame(caller, Thread.currentThread());
        collected.merge(kind, ids.size(), Integer::sum);
      }

      @Override
      public void revoked(TokenKind kind, int id) {
        assertSame(caller, Thread.currentThread());
        done.add(kind + " " + id);
      }
    };

    long start = System.nanoTime();
    RevocationResult result = TokenRevoker.builder(client).user(jdoe).listener(progress).build().revoke();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("Revoked 250 grants among 400 in " + millis + " ms, " + fake.maxConcurrentDeletes()
        + " deletes in flight at most");

    for (TokenKind kind : TokenKind.values()) {
      assertEquals(seeded.ids(jdoe, kind), result.revoked(kind), kind + " revoked");
      assertEquals(seeded.ids(jdoe, kind), result.found(kind), kind + " found");
      assertEquals(List.of(), result.alreadyGone(kind));
      assertEquals(List.of(), result.remaining(kind));
      assertEquals(List.of(), listed(kind, jdoe), "none of jdoe's " + kind + " is left");
      assertEquals(seeded.idsOfOthers(jdoe, kind), listed(kind, null), "every " + kind + " of the others is left");
    }
    assertTrue(result.isComplete());
    assertEquals(1, result.rounds());
    assertEquals(Map.of(TokenKind.REFRESH_TOKEN, 120, TokenKind.ACCESS_TOKEN, 80, TokenKind.AUTHORIZATION_CODE, 50),
        collected);
    assertEquals(250, done.size());
    assertEquals(250, new TreeSet<>(done).size(), "each id done once");
    assertTrue(fake.maxConcurrentDeletes() <= TokenRevoker.DEFAULT_CONCURRENCY, fake.maxConcurrentDeletes() + " at once");
  }

  @Test
  void deletingWhileWalkingPageNumbersSkipsGrantsWhichIsWhyTheRevokerDoesNot() {
    seed(Map.of(jdoe, new int[] {120, 0, 0}, alice, new int[] {30, 0, 0}));

    // The naive way: delete each page's results, then go on to the next page number.
    int page = 1;
    try {
      while (page != 0) {
        PaginatedRefreshTokenList results = oauth2.oauth2RefreshTokensList().user(jdoe).pageSize(20).page(page)
            .execute();
        results.getResults().forEach(token -> oauth2.oauth2RefreshTokensDestroy(token.getPk()));
        page = results.getPagination().getNext();
      }
    } catch (NotFoundException e) {
      assertEquals("Invalid page.", e.getGenericError().getDetail(), "page 4 of what is now 3 pages");
    }

    // Pages 1, 2 and 3 of a list that shrank by 20 each time: results 1-20, 21-40, 41-60 of what
    // was left, so every second block of 20 was skipped.
    List<Integer> skipped = listed(TokenKind.REFRESH_TOKEN, jdoe);
    assertEquals(60, skipped.size(), "half of jdoe's 120 refresh tokens survived the naive loop");
    RevocationResult result = TokenRevoker.builder(client).user(jdoe).build().revoke();
    assertEquals(skipped, result.revoked(TokenKind.REFRESH_TOKEN));
    assertEquals(List.of(), listed(TokenKind.REFRESH_TOKEN, jdoe));
    assertEquals(30, listed(TokenKind.REFRESH_TOKEN, null).size(), "alice's are left");
  }

  @Test
  void withAProviderRevokesOnlyWhatThatProviderIssued() {
    Seeded seeded = seed(Map.of(jdoe, new int[] {10, 10, 4}, alice, new int[] {6, 6, 2}));

    RevocationResult result = TokenRevoker.builder(client).user(jdoe).provider(grafana).build().revoke();

    for (TokenKind kind : TokenKind.values()) {
      assertEquals(seeded.ids(jdoe, grafana, kind), result.revoked(kind));
      assertEquals(seeded.ids(jdoe, jellyfin, kind), listed(kind, jdoe), "jdoe's at Jellyfin are left");
    }
    assertEquals(grafana, result.provider().getAsInt());
    assertTrue(result.isComplete());
  }

  @Test
  void aDryRunDeletesNothingAndSaysWhatItWouldRevoke() {
    Seeded seeded = seed(Map.of(jdoe, new int[] {7, 5, 3}, alice, new int[] {2, 2, 2}));
    List<TokenKind> heard = new ArrayList<>();

    RevocationResult result = TokenRevoker.builder(client).user(jdoe).dryRun(true)
        .listener(new TokenRevoker.Listener() {
          @Override
          public void collected(int round, TokenKind kind, List<Integer> ids) {
            heard.add(kind);
          }
        }).build().revoke();

    assertTrue(result.isDryRun());
    for (TokenKind kind : TokenKind.values()) {
      assertEquals(seeded.ids(jdoe, kind), result.found(kind), "what it would revoke");
      assertEquals(List.of(), result.revoked(kind));
      assertEquals(seeded.ids(jdoe, kind), result.remaining(kind));
      assertEquals(seeded.ids(jdoe, kind), listed(kind, jdoe), "all still there");
    }
    assertFalse(result.isComplete());
    assertEquals(List.of(TokenKind.AUTHORIZATION_CODE, TokenKind.REFRESH_TOKEN, TokenKind.ACCESS_TOKEN), heard);
    assertEquals(0, fake.maxConcurrentDeletes(), "no DELETE reached the server");
  }

  @Test
  void aGrantDeletedBehindItsBackCountsAsAlreadyGone() {
    Seeded seeded = seed(Map.of(jdoe, new int[] {10, 8, 6}, alice, new int[] {3, 3, 3}));
    Map<TokenKind, List<Integer>> removed = new EnumMap<>(TokenKind.class);
    // Between collecting and deleting, someone else deletes every second one.
    TokenRevoker.Listener meddler = new TokenRevoker.Listener() {
      @Override
      public void collected(int round, TokenKind kind, List<Integer> ids) {
        List<Integer> gone = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 2) {
          assertTrue(fake.remove(kind, ids.get(i)));
          gone.add(ids.get(i));
        }
        Collections.sort(gone);
        removed.put(kind, gone);
      }
    };

    RevocationResult result = TokenRevoker.builder(client).user(jdoe).listener(meddler).build().revoke();

    for (TokenKind kind : TokenKind.values()) {
      List<Integer> rest = new ArrayList<>(seeded.ids(jdoe, kind));
      rest.removeAll(removed.get(kind));
      assertEquals(removed.get(kind), result.alreadyGone(kind), kind + " already gone");
      assertEquals(rest, result.revoked(kind), kind + " revoked");
      assertEquals(List.of(), listed(kind, jdoe));
    }
    assertTrue(result.isComplete());
  }

  @Test
  void grantsThatAppearWhileItDeletesAreCaughtByTheNextRound() {
    seed(Map.of(jdoe, new int[] {5, 5, 5}));
    List<Integer> late = new ArrayList<>();
    TokenRevoker.Listener login = new TokenRevoker.Listener() {
      @Override
      public void collected(int round, TokenKind kind, List<Integer> ids) {
        if (round == 1 && kind == TokenKind.ACCESS_TOKEN) { // a login finishing as the revoker starts
          late.add(fake.addRefreshToken(jdoe, grafana));
          late.add(fake.addAuthorizationCode(jdoe, jellyfin));
        }
      }
    };

    RevocationResult result = TokenRevoker.builder(client).user(jdoe).listener(login).build().revoke();

    assertEquals(2, result.rounds());
    assertTrue(result.revoked(TokenKind.REFRESH_TOKEN).contains(late.get(0)));
    assertTrue(result.revoked(TokenKind.AUTHORIZATION_CODE).contains(late.get(1)));
    assertTrue(result.isComplete());
    for (TokenKind kind : TokenKind.values()) {
      assertEquals(List.of(), listed(kind, jdoe));
    }
  }

  @Test
  void roundsAreBoundedAndWhatKeepsAppearingIsReportedAsRemaining() {
    seed(Map.of(jdoe, new int[] {3, 0, 0}));
    List<Integer> added = new ArrayList<>();
    TokenRevoker.Listener endless = new TokenRevoker.Listener() {
      @Override
      public void collected(int round, TokenKind kind, List<Integer> ids) {
        if (kind == TokenKind.REFRESH_TOKEN) {
          added.add(fake.addRefreshToken(jdoe, grafana)); // a client refreshing as fast as it is revoked
        }
      }
    };

    RevocationResult result = TokenRevoker.builder(client).user(jdoe).maxRounds(2).listener(endless).build()
        .revoke();

    assertEquals(2, result.rounds());
    assertFalse(result.isComplete());
    assertEquals(List.of(added.get(1)), result.remaining(TokenKind.REFRESH_TOKEN));
    assertEquals(List.of(added.get(1)), listed(TokenKind.REFRESH_TOKEN, jdoe));
    assertTrue(result.revoked(TokenKind.REFRESH_TOKEN).contains(added.get(0)));
  }

  @Test
  void neverMoreDeletesInFlightThanTheConcurrencyAllows() {
    seed(Map.of(jdoe, new int[] {30, 20, 10}));
    CountDownLatch firstThree = new CountDownLatch(3);
    AtomicBoolean reachedThree = new AtomicBoolean(true);
    // The first deletes wait until three are in flight at once, so the bound is reached, not just
    // respected by deletes that happen not to overlap.
    fake.onDelete((kind, pk) -> {
      firstThree.countDown();
      if (!firstThree.await(10, TimeUnit.SECONDS)) {
        reachedThree.set(false);
      }
    });
    OkHttpClient wide = wideOkHttp(); // OkHttp's own limit (5 per host) must not be what holds it
    try (AuthentikClient parallel = fake.clientBuilder().httpClient(wide).build()) {
      RevocationResult result = TokenRevoker.builder(parallel).user(jdoe).concurrency(3).build().revoke();
      assertEquals(60, result.revoked(TokenKind.REFRESH_TOKEN).size() + result.revoked(TokenKind.ACCESS_TOKEN).size()
          + result.revoked(TokenKind.AUTHORIZATION_CODE).size());
    } finally {
      wide.dispatcher().executorService().shutdown();
    }

    assertTrue(reachedThree.get(), "three deletes were in flight at once");
    assertEquals(3, fake.maxConcurrentDeletes());
  }

  @Test
  void aTokenThatMayNotDeleteStopsItAtOnceWithPermissionDenied() {
    seed(Map.of(jdoe, new int[] {20, 10, 0}));
    AtomicInteger deletesSent = new AtomicInteger();
    OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
      if (chain.request().method().equals("DELETE")) {
        deletesSent.incrementAndGet();
      }
      return chain.proceed(chain.request());
    }).build();
    try (AuthentikClient readOnly = fake.clientBuilder().token(fake.readOnlyToken()).httpClient(counting).build()) {
      PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
          () -> TokenRevoker.builder(readOnly).user(jdoe).build().revoke());
      assertEquals("You do not have permission to perform this action.", e.getGenericError().getDetail());
      assertFalse(e.getMessage().contains(fake.readOnlyToken()));
    } finally {
      counting.dispatcher().executorService().shutdown();
    }

    assertTrue(deletesSent.get() <= TokenRevoker.DEFAULT_CONCURRENCY,
        deletesSent.get() + " DELETEs: none started after the first 403");
    assertEquals(20, listed(TokenKind.REFRESH_TOKEN, jdoe).size());
    assertEquals(10, listed(TokenKind.ACCESS_TOKEN, jdoe).size());
  }

  @Test
  void aServerErrorStopsItAndPropagates() {
    seed(Map.of(jdoe, new int[] {20, 10, 5}));
    fake.inject(Fault.htmlErrorPage(500).on("DELETE", "/api/v3/oauth2/**").always());

    ServerException e = assertThrows(ServerException.class, () -> TokenRevoker.builder(client).user(jdoe).build().revoke());

    assertEquals(500, e.getCode());
    long deletes = fake.requests().stream().filter(request -> request.method().equals("DELETE")).count();
    assertTrue(deletes >= 1 && deletes <= TokenRevoker.DEFAULT_CONCURRENCY, deletes + " DELETEs");
    assertEquals(5, listed(TokenKind.AUTHORIZATION_CODE, jdoe).size(), "the 500s deleted nothing");
  }

  @Test
  void aListWithAnotherUsersGrantStopsItBeforeAnyDelete() throws Exception {
    MockWebServer server = mock.server();
    AtomicInteger deletes = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("DELETE")) {
          deletes.incrementAndGet();
          return new MockResponse.Builder().code(204).build();
        }
        return fixturePage(request.getTarget()); // user 7's grants, whatever ?user= says
      }
    });

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> TokenRevoker.builder(mock.client()).user(9).build().revoke());

    assertTrue(e.getMessage().contains("of user 7: the server did not apply the filter"), e.getMessage());
    assertEquals(0, deletes.get());
  }

  @ParameterizedTest(name = "user {0}, provider {1}, filtered by provider {2}")
  @CsvSource(delimiter = '|', value = {
      "null                    | {\"pk\": 6, \"name\": \"Grafana\"} |",
      "{\"username\": \"jdoe\"} | {\"pk\": 6, \"name\": \"Grafana\"} |",
      "{\"pk\": 7}             | null                               | 6",
      "{\"pk\": 7}             | {\"name\": \"Grafana\"}            | 6"})
  void aGrantWhoseOwnerOrProviderItCannotSeeStopsItBeforeAnyDelete(String user, String provider, Integer filter) {
    // A server (or proxy) that dropped the filter, answering grants that do not say whose they are.
    AtomicInteger deletes = serveRefreshTokens("[{\"pk\": 41, \"user\": " + user + ", \"provider\": " + provider
        + ", \"scope\": [\"openid\"]}]");

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> TokenRevoker.builder(mock.client()).user(7).provider(filter).build().revoke());

    assertTrue(e.getMessage().contains("refresh token 41 of an unknown " + (filter == null ? "user" : "provider")),
        e.getMessage());
    assertEquals(0, deletes.get(), "nothing deleted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[null]", "[{\"user\": {\"pk\": 7}}]", "[{\"pk\": null, \"user\": {\"pk\": 7}}]"})
  void aPageWithANullOrAGrantWithoutPkIsMalformedNotANullPointerException(String results) {
    AtomicInteger deletes = serveRefreshTokens(results);

    assertThrows(MalformedResponseException.class, () -> TokenRevoker.builder(mock.client()).user(7).build().revoke());
    assertEquals(0, deletes.get());
  }

  @Test
  void aFailureAfterSomeDeletesCarriesWhatWasRevoked() {
    Seeded seeded = seed(Map.of(jdoe, new int[] {2, 2, 3}));
    // Codes go first, one at a time here; then every refresh token DELETE is refused.
    fake.inject(Fault.respond(403, "application/json", "{\"detail\": \"You do not have permission to perform this "
        + "action.\"}").on("DELETE", "/api/v3/oauth2/refresh_tokens/**").always());

    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> TokenRevoker.builder(client).user(jdoe).concurrency(1).build().revoke());

    RevocationResult partial = RevocationResult.attachedTo(e).orElseThrow();
    assertEquals(seeded.ids(jdoe, TokenKind.AUTHORIZATION_CODE), partial.revoked(TokenKind.AUTHORIZATION_CODE));
    assertEquals(List.of(), listed(TokenKind.AUTHORIZATION_CODE, jdoe), "really revoked");
    assertEquals(List.of(), partial.revoked(TokenKind.REFRESH_TOKEN));
    assertEquals(seeded.ids(jdoe, TokenKind.REFRESH_TOKEN), partial.remaining(TokenKind.REFRESH_TOKEN));
    assertEquals(seeded.ids(jdoe, TokenKind.ACCESS_TOKEN), partial.remaining(TokenKind.ACCESS_TOKEN));
    assertEquals(seeded.ids(jdoe, TokenKind.ACCESS_TOKEN), partial.found(TokenKind.ACCESS_TOKEN));
    assertFalse(partial.isComplete());
    assertEquals(1, partial.rounds());
    assertEquals(java.util.Optional.empty(), RevocationResult.attachedTo(new PermissionDeniedException("x", Map.of(),
        null, null)), "only a revoker's failure carries one");
  }

  @Test
  void theBuilderSaysWhatIsWrong() {
    assertThrows(IllegalArgumentException.class, () -> TokenRevoker.builder(client).build());
    assertThrows(IllegalArgumentException.class, () -> TokenRevoker.builder(client).user(0));
    assertThrows(IllegalArgumentException.class, () -> TokenRevoker.builder(client).provider(-1));
    assertThrows(IllegalArgumentException.class, () -> TokenRevoker.builder(client).concurrency(0));
    assertThrows(IllegalArgumentException.class,
        () -> TokenRevoker.builder(client).concurrency(TokenRevoker.MAX_CONCURRENCY + 1));
    assertThrows(IllegalArgumentException.class, () -> TokenRevoker.builder(client).maxRounds(0));
    assertThrows(IllegalArgumentException.class,
        () -> TokenRevoker.builder(client).maxRounds(TokenRevoker.MAX_ROUNDS + 1));
    assertThrows(NullPointerException.class, () -> TokenRevoker.builder(null));
    TokenRevoker revoker = TokenRevoker.builder(client).user(jdoe).concurrency(TokenRevoker.MAX_CONCURRENCY)
        .provider(null).build();
    assertEquals("TokenRevoker{user=" + jdoe + ", concurrency=16, maxRounds=3}", revoker.toString());
    assertEquals("RevocationResult{user=" + jdoe + ", rounds=0, found={REFRESH_TOKEN=0, ACCESS_TOKEN=0,"
        + " AUTHORIZATION_CODE=0}, revoked={REFRESH_TOKEN=0, ACCESS_TOKEN=0, AUTHORIZATION_CODE=0}, alreadyGone="
        + "{REFRESH_TOKEN=0, ACCESS_TOKEN=0, AUTHORIZATION_CODE=0}, remaining={REFRESH_TOKEN=0, ACCESS_TOKEN=0,"
        + " AUTHORIZATION_CODE=0}}", revoker.revoke().toString());
  }

  /**
   * The mock answers one page of refresh tokens whose {@code results} are as given, whatever the
   * query, and empty lists of the other kinds; DELETEs get 204 and are counted.
   */
  private AtomicInteger serveRefreshTokens(String results) {
    AtomicInteger deletes = new AtomicInteger();
    mock.server().setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("DELETE")) {
          deletes.incrementAndGet();
          return new MockResponse.Builder().code(204).build();
        }
        String page = request.getTarget().contains("/refresh_tokens/") ? results : "[]";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body("{\"pagination\": {\"next\": 0, \"previous\": 0, \"count\": 1, \"current\": 1, "
                + "\"total_pages\": 1, \"start_index\": 1, \"end_index\": 1}, \"results\": " + page + "}").build();
      }
    });
    return deletes;
  }

  /** The ids of {@code user}'s grants of {@code kind} (everyone's when null), listed through the SDK. */
  private List<Integer> listed(TokenKind kind, Integer user) {
    // One big page: pages by number are no snapshot, and this must see everything.
    switch (kind) {
      case REFRESH_TOKEN:
        return oauth2.oauth2RefreshTokensList().user(user).pageSize(1000).execute().getResults().stream()
            .map(RefreshToken::getPk).sorted().collect(Collectors.toList());
      case ACCESS_TOKEN:
        return oauth2.oauth2AccessTokensList().user(user).pageSize(1000).execute().getResults().stream()
            .map(AccessToken::getPk).sorted().collect(Collectors.toList());
      default:
        return oauth2.oauth2AuthorizationCodesList().user(user).pageSize(1000).execute().getResults().stream()
            .map(AuthorizationCode::getPk).sorted().collect(Collectors.toList());
    }
  }

  /**
   * Adds, per user, {refresh tokens, access tokens, codes} alternating between Grafana and
   * Jellyfin, all users' grants in one shuffled order.
   */
  private Seeded seed(Map<Integer, int[]> counts) {
    List<int[]> order = new ArrayList<>(); // {user, kind, provider}
    counts.forEach((user, perKind) -> {
      for (TokenKind kind : TokenKind.values()) {
        for (int i = 0; i < perKind[kind.ordinal()]; i++) {
          order.add(new int[] {user, kind.ordinal(), i % 2 == 0 ? grafana : jellyfin});
        }
      }
    });
    order.sort((a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] != b[1] ? a[1] - b[1] : 0); // Map order varies
    Collections.shuffle(order, new Random(11));
    Seeded seeded = new Seeded();
    for (int[] grant : order) {
      TokenKind kind = TokenKind.values()[grant[1]];
      int id = kind == TokenKind.REFRESH_TOKEN ? fake.addRefreshToken(grant[0], grant[2])
          : kind == TokenKind.ACCESS_TOKEN ? fake.addAccessToken(grant[0], grant[2])
          : fake.addAuthorizationCode(grant[0], grant[2]);
      seeded.grants.add(new int[] {grant[0], grant[1], grant[2], id});
    }
    return seeded;
  }

  /** What {@link #seed} added: {user, kind, provider, id} each. */
  private static final class Seeded {
    final List<int[]> grants = new ArrayList<>();

    List<Integer> ids(int user, TokenKind kind) {
      return select(g -> g[0] == user && g[1] == kind.ordinal());
    }

    List<Integer> ids(int user, int provider, TokenKind kind) {
      return select(g -> g[0] == user && g[1] == kind.ordinal() && g[2] == provider);
    }

    List<Integer> idsOfOthers(int user, TokenKind kind) {
      return select(g -> g[0] != user && g[1] == kind.ordinal());
    }

    private List<Integer> select(Predicate<int[]> which) {
      return grants.stream().filter(which).map(g -> g[3]).sorted().collect(Collectors.toList());
    }
  }

  /** The 2026.5.6 fixture page a list request asks for (refresh tokens come as three pages). */
  private static MockResponse fixturePage(String target) {
    String file = target.contains("/authorization_codes/") ? "authorization_codes_page1.json"
        : target.contains("/access_tokens/") ? "access_tokens_page1.json"
        : target.contains("page=3") ? "refresh_tokens_page3.json"
        : target.contains("page=2") ? "refresh_tokens_page2.json" : "refresh_tokens_page1.json";
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.load("2026.5.6", file)).build();
  }

  /** An OkHttp client that lets 16 calls to one host run at once (OkHttp's default is 5). */
  private static OkHttpClient wideOkHttp() {
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequestsPerHost(16);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }
}
