package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.RefreshToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code iterateAll()}: every result of a list, page after page, fetched as they are needed and
 * one page ahead of the caller; errors on any page typed as usual; a {@code next} that does not move
 * forward ends the walk instead of looping. Pages are the 2026.5.6 fixtures: refresh tokens 17, 29 /
 * 36, 40 / 42 of user 7, two per page.
 */
class PagingTest {
  private static final String RELEASE = "2026.5.6";
  private static final List<Integer> ALL = List.of(17, 29, 36, 40, 42);

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void everyResultOfThreePagesWithTheFiltersOnEveryRequest() throws Exception {
    servePages();

    List<Integer> pks = new ArrayList<>();
    for (RefreshToken token : client.oauth2().oauth2RefreshTokensList().user(7).pageSize(2).ordering("-expires")
        .iterateAll()) {
      pks.add(token.getPk());
    }

    assertEquals(ALL, pks);
    assertEquals(3, server.getRequestCount());
    List<Map<String, String>> queries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queries.add(query(server.takeRequest(5, TimeUnit.SECONDS).getUrl()));
    }
    assertEquals(Map.of("user", "7", "page_size", "2", "ordering", "-expires"), queries.get(0), "page 1: as built");
    assertEquals(Map.of("user", "7", "page_size", "2", "ordering", "-expires", "page", "2"), queries.get(1));
    assertEquals(Map.of("user", "7", "page_size", "2", "ordering", "-expires", "page", "3"), queries.get(2));
  }

  @Test
  void aStreamAndThePagesThemselves() {
    servePages();
    PagedIterable<RefreshToken> all = client.oauth2().oauth2RefreshTokensList().user(7).iterateAll();

    try (Stream<RefreshToken> tokens = all.stream()) {
      assertEquals(ALL, tokens.map(RefreshToken::getPk).collect(Collectors.toList()));
    }
    List<Integer> currents = new ArrayList<>();
    for (Page<RefreshToken> page : all.byPage()) {
      currents.add(page.getPagination().getCurrent());
    }

    assertEquals(List.of(1, 2, 3), currents, "each iteration walks the pages anew");
    assertEquals(6, server.getRequestCount());
  }

  @Test
  void nothingIsSentBeforeIterationAndPageTwoNotBeforeTheCallerGoesOnPastTheFirstResult() throws Exception {
    servePages();

    PagedIterable<RefreshToken> all = client.oauth2().oauth2RefreshTokensList().user(7).iterateAll();
    assertEquals(0, server.getRequestCount(), "iterateAll() itself sends nothing");
    Iterator<RefreshToken> it = all.iterator();
    assertEquals(17, it.next().getPk());

    assertEquals(1, server.getRequestCount(), "no second request before the first page is consumed");
    assertTrue(it.hasNext()); // the caller goes on: page 2 starts on its way while 29 is handed out
    assertEquals(29, it.next().getPk());
    assertEquals("user=7", sortedQuery(server.takeRequest(5, TimeUnit.SECONDS).getUrl()));
    assertEquals("page=2&user=7", sortedQuery(server.takeRequest(5, TimeUnit.SECONDS).getUrl()),
        "page 2, fetched ahead before page 1 ran out");
  }

  @Test
  void findFirstSendsOneRequest() {
    servePages();

    Optional<RefreshToken> first = client.oauth2().oauth2RefreshTokensList().user(7).iterateAll().stream().findFirst();

    assertEquals(17, first.orElseThrow().getPk());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void withoutFetchAheadEachPageWaitsUntilThePreviousIsUsedUp() {
    servePages();
    Iterator<RefreshToken> it = client.oauth2().oauth2RefreshTokensList().iterateAll().fetchAhead(0).iterator();

    it.next();
    it.next();
    assertTrue(it.hasNext());

    assertEquals(2, server.getRequestCount(), "page 2 only when page 1 was used up");
  }

  @Test
  void fetchAheadIsBounded() {
    PagedIterable<RefreshToken> all = client.oauth2().oauth2RefreshTokensList().iterateAll();

    assertThrows(IllegalArgumentException.class, () -> all.fetchAhead(-1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.fetchAhead(5));
    assertEquals("fetchAhead must be from 0 to 4, was 5", e.getMessage());
  }

  @Test
  void closingAStreamCancelsThePageOnItsWay() throws Exception {
    CountDownLatch pageTwoAsked = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().queryParameter("page") == null) {
          return ok(Fixtures.load(RELEASE, "refresh_tokens_page1.json"));
        }
        pageTwoAsked.countDown();
        return new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build();
      }
    });
    OkHttpClient http = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void canceled(Call call) {
        cancelled.countDown();
      }
    }).build();
    try {
      AuthentikClient watched = authentik.client(b -> b.httpClient(http).readTimeout(Duration.ofMinutes(1)));
      try (Stream<RefreshToken> tokens = watched.oauth2().oauth2RefreshTokensList().iterateAll().stream()) {
        Iterator<RefreshToken> it = tokens.iterator();
        it.next();
        it.hasNext(); // going on: page 2 is fetched ahead
        assertTrue(pageTwoAsked.await(5, TimeUnit.SECONDS), "page 2 was asked for ahead");
      }

      assertTrue(cancelled.await(5, TimeUnit.SECONDS), "closing the stream cancelled the page on its way");
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aNextThatDoesNotMoveForwardEndsTheWalkInsteadOfLooping() {
    // A proxy that ignores ?page= answers page 1 again and again, with next=2 each time.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return ok(Fixtures.load(RELEASE, "refresh_tokens_page1.json").replace("\"current\": 1", "\"current\": 2"));
      }
    });
    List<Integer> seen = new ArrayList<>();

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> client.oauth2().oauth2RefreshTokensList().iterateAll().forEach(t -> seen.add(t.getPk())));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/: 200 pagination.next is 2 on page 2: it does not move forward",
        e.getMessage());
    assertEquals(List.of(17, 29, 17, 29), seen, "pages 1 and 2 were read, then the walk stopped");
    assertTrue(server.getRequestCount() <= 3, "no loop: " + server.getRequestCount() + " requests");
  }

  @Test
  void anErrorOnPageTwoSurfacesTyped() {
    server.enqueue(ok(Fixtures.load(RELEASE, "refresh_tokens_page1.json")));
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
        .body("{\"detail\": \"Token invalid/expired\"}").build());
    Iterator<RefreshToken> it = client.oauth2().oauth2RefreshTokensList().iterateAll().iterator();

    assertEquals(17, it.next().getPk());
    assertEquals(29, it.next().getPk());
    PermissionDeniedException e = assertThrows(PermissionDeniedException.class, it::hasNext);

    assertEquals("GET /api/v3/oauth2/refresh_tokens/: 403 Token invalid/expired", e.getMessage());
  }

  @Test
  void aNullResultIsAMalformedPageNotANullItem() {
    server.enqueue(ok(page(1, 2, 0, "{\"pk\": 17}, null")));
    server.enqueue(ok(page(1, 2, 0, "{\"pk\": 17}, null")));

    MalformedResponseException items = assertThrows(MalformedResponseException.class,
        () -> client.oauth2().oauth2RefreshTokensList().iterateAll().forEach(t -> { }));
    MalformedResponseException pages = assertThrows(MalformedResponseException.class,
        () -> client.oauth2().oauth2RefreshTokensList().iterateAll().byPage().forEach(p -> { }));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/: 200 results[1] is null", items.getMessage());
    assertEquals(items.getMessage(), pages.getMessage());
  }

  @Test
  void askingAgainAfterAPageFailedThrowsTheSameTypedException() {
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
        .body("{\"detail\": \"Token invalid/expired\"}").build());
    Iterator<RefreshToken> it = client.oauth2().oauth2RefreshTokensList().iterateAll().iterator();

    PermissionDeniedException first = assertThrows(PermissionDeniedException.class, it::hasNext);
    PermissionDeniedException again = assertThrows(PermissionDeniedException.class, it::hasNext);
    PermissionDeniedException onNext = assertThrows(PermissionDeniedException.class, it::next);

    assertTrue(first == again && again == onNext, "the same exception each time");
    assertEquals(1, server.getRequestCount(), "nothing more is asked");
  }

  @Test
  void aNextThatMovesForwardPastTheCountEndsTheWalk() {
    // A server or proxy that answers every page with two results and a next page, while count says 3.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String page = request.getUrl().queryParameter("page");
        int number = page == null ? 1 : Integer.parseInt(page);
        return ok(page(number, 3, number + 1, "{\"pk\": " + (2 * number) + "}, {\"pk\": " + (2 * number + 1) + "}"));
      }
    });
    List<Integer> seen = new ArrayList<>();

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> client.oauth2().oauth2RefreshTokensList().iterateAll().forEach(t -> seen.add(t.getPk())));

    assertEquals("GET /api/v3/oauth2/refresh_tokens/: 200 the pages so far hold 6 results, but pagination.count is 3",
        e.getMessage());
    assertEquals(List.of(2, 3, 4, 5), seen);
    assertTrue(server.getRequestCount() <= 5, "no endless walk: " + server.getRequestCount() + " requests");
  }

  @Test
  void resultsAddedWhileWalkingDoNotEndTheWalk() {
    // Page 1 says 3 results; by page 2, two more were added and the count says 5.
    server.enqueue(ok(page(1, 3, 2, "{\"pk\": 1}, {\"pk\": 2}")));
    server.enqueue(ok(page(2, 5, 3, "{\"pk\": 3}, {\"pk\": 4}")));
    server.enqueue(ok(page(3, 5, 0, "{\"pk\": 5}")));

    List<Integer> seen = new ArrayList<>();
    client.oauth2().oauth2RefreshTokensList().iterateAll().forEach(t -> seen.add(t.getPk()));

    assertEquals(List.of(1, 2, 3, 4, 5), seen);
  }

  /** A page of refresh tokens with the given pagination and the results' JSON. */
  private static String page(int current, int count, int next, String results) {
    return "{\"pagination\": {\"next\": " + next + ", \"previous\": " + (current - 1) + ", \"count\": " + count
        + ", \"current\": " + current + ", \"total_pages\": " + ((count + 1) / 2) + ", \"start_index\": 1,"
        + " \"end_index\": 2}, \"results\": [" + results + "]}";
  }

  @Test
  void anEmptyPageEndsTheWalkWhateverNextSays() {
    server.enqueue(ok("{\"pagination\": {\"next\": 2, \"previous\": 0, \"count\": 0, \"current\": 1,"
        + " \"total_pages\": 1, \"start_index\": 0, \"end_index\": 0}, \"results\": []}"));

    assertFalse(client.oauth2().oauth2RefreshTokensList().iterateAll().iterator().hasNext());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aWalkStartsAtThePageTheRequestNames() throws Exception {
    servePages();

    List<Integer> pks = new ArrayList<>();
    client.oauth2().oauth2RefreshTokensList().page(2).iterateAll().forEach(t -> pks.add(t.getPk()));

    assertEquals(List.of(36, 40, 42), pks);
    assertEquals("2", server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("page"));
  }

  @Test
  void perCallOptionsApplyToTheCallsOfThatViewOnly() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(ok(Fixtures.load(RELEASE, "refresh_token.json")));
    RequestOptions once = RequestOptions.builder().maxRetries(0).header("X-Request-Id", "req-42").build();

    assertThrows(ServerException.class, () -> client.oauth2().withOptions(once).oauth2RefreshTokensRetrieve(42));
    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    AuthentikClient retrying = authentik.client(b -> b.maxRetries(2).retryBaseDelay(Duration.ZERO));
    assertEquals(42, retrying.oauth2().oauth2RefreshTokensRetrieve(42).getPk());

    assertEquals("req-42", sent.getHeaders().get("X-Request-Id"));
    assertEquals("Bearer " + authentik.token(), sent.getHeaders().get("Authorization"), "the client's own headers stay");
    assertEquals(3, server.getRequestCount(), "one attempt with the options, two without");
    assertEquals(null, server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Request-Id"));
  }

  @Test
  void aPerCallBudgetEndsThatCallByIt() {
    server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("{}").build());
    RequestOptions hurried = RequestOptions.builder().callTimeout(Duration.ofMillis(200)).build();

    TransportException e = assertThrows(TransportException.class,
        () -> client.oauth2().withOptions(hurried).oauth2RefreshTokensRetrieve(42));

    assertTrue(e.getMessage().contains("ran out of its callTimeout"), e.getMessage());
  }

  @Test
  void requestOptionsRefuseTheAuthorizationHeaderAndValuesThatCannotBeSent() {
    IllegalArgumentException auth = assertThrows(IllegalArgumentException.class,
        () -> RequestOptions.builder().header("authorization", "Bearer other"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> RequestOptions.builder().header("X-Secret", "line\nbreak-s3cr3t"));

    assertEquals("Authorization is the client's own; build a client with the other token", auth.getMessage());
    assertFalse(bad.getMessage().contains("s3cr3t"), bad.getMessage());
    assertEquals("RequestOptions{callTimeout=null, maxRetries=0, headers=[X-Request-Id]}",
        RequestOptions.builder().maxRetries(0).header("X-Request-Id", "secret-id").build().toString());
  }

  private void servePages() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String page = request.getUrl().queryParameter("page");
        return ok(Fixtures.load(RELEASE, "refresh_tokens_page" + (page == null ? "1" : page) + ".json"));
      }
    });
  }

  private static Map<String, String> query(HttpUrl url) {
    return url.queryParameterNames().stream().collect(Collectors.toMap(n -> n, url::queryParameter));
  }

  private static String sortedQuery(HttpUrl url) {
    return url.queryParameterNames().stream().sorted().map(n -> n + "=" + url.queryParameter(n))
        .collect(Collectors.joining("&"));
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
