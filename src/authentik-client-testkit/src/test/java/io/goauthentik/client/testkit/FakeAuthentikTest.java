package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.ValidationException;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.AccessToken;
import io.goauthentik.client.model.AuthorizationCode;
import io.goauthentik.client.model.PaginatedAccessTokenList;
import io.goauthentik.client.model.PaginatedAuthorizationCodeList;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.Pagination;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The fake answers the twelve token operations as authentik 2026.5.6 does; seen through the SDK where it can be. */
class FakeAuthentikTest {
  private static final String RELEASE = "/fixtures/2026.5.6/";

  private final FakeAuthentik fake = FakeAuthentik.start();
  private final AuthentikClient client = fake.clientBuilder().maxRetries(0).build();
  private final Oauth2Api oauth2 = client.oauth2();

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  @Test
  void listsPageByPageWithTheFiltersInTheDefaultOrder() {
    int jdoe = fake.addUser("jdoe");
    int alice = fake.addUser("alice");
    int grafana = fake.addProvider("Grafana");
    int jellyfin = fake.addProvider("Jellyfin");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      fake.addRefreshToken(jdoe, jellyfin);
      expected.add(fake.addRefreshToken(jdoe, grafana));
      fake.addRefreshToken(alice, grafana);
    }

    PaginatedRefreshTokenList first = oauth2.oauth2RefreshTokensList().user(jdoe).provider(grafana).pageSize(4).execute();
    PaginatedRefreshTokenList last = oauth2.oauth2RefreshTokensList().user(jdoe).provider(grafana).pageSize(4).page(4)
        .execute();

    assertPagination(first.getPagination(), 2, 0, 15, 1, 4, 1, 4);
    assertPagination(last.getPagination(), 0, 3, 15, 4, 4, 13, 15);
    List<RefreshToken> walked = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      walked.addAll(oauth2.oauth2RefreshTokensList().user(jdoe).provider(grafana).pageSize(4).page(page).execute()
          .getResults());
    }
    assertEquals(expected, walked.stream().map(RefreshToken::getPk).sorted().collect(Collectors.toList()));
    assertTrue(walked.stream().allMatch(t -> t.getUser().getPk() == jdoe && t.getProvider().getPk() == grafana));
    // The viewset's ordering: provider, then expires; ties by pk.
    Comparator<RefreshToken> byDefault = Comparator.<RefreshToken>comparingInt(t -> t.getProvider().getPk())
        .thenComparing(RefreshToken::getExpires).thenComparing(RefreshToken::getPk);
    assertEquals(walked.stream().sorted(byDefault).collect(Collectors.toList()), walked);
    assertEquals(pks(walked),
        pks(oauth2.oauth2RefreshTokensList().user(jdoe).provider(grafana).pageSize(4).iterateAll()));
  }

  @Test
  void aPageHoldsAuthentiks100ByDefaultAndAsManyAsAskedFor() {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    IntStream.range(0, 105).forEach(i -> fake.addAuthorizationCode(jdoe, grafana));

    PaginatedAuthorizationCodeList byDefault = oauth2.oauth2AuthorizationCodesList().execute();
    PaginatedAuthorizationCodeList big = oauth2.oauth2AuthorizationCodesList().pageSize(500).execute();

    assertEquals(100, byDefault.getResults().size());
    assertPagination(byDefault.getPagination(), 2, 0, 105, 1, 2, 1, 100);
    assertEquals(105, big.getResults().size());
    assertPagination(big.getPagination(), 0, 0, 105, 1, 1, 1, 105);
  }

  @Test
  void ordersByTheFieldsAuthentikAllowsAndIgnoresTheRest() {
    int jdoe = fake.addUser("jdoe");
    int alice = fake.addUser("alice");
    int grafana = fake.addProvider("Grafana");
    int jellyfin = fake.addProvider("Jellyfin");
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(fake.addAccessToken(i % 2 == 0 ? jdoe : alice, jellyfin));
      all.add(fake.addAccessToken(i % 2 == 0 ? alice : jdoe, grafana));
    }
    Supplier<List<AccessToken>> byDefault = () -> oauth2.oauth2AccessTokensList().execute().getResults();

    List<Integer> descending = all.stream().sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    assertEquals(descending, accessPks("-pk"));
    List<AccessToken> byUser = oauth2.oauth2AccessTokensList().ordering("user,-pk").execute().getResults();
    assertEquals(byUser.stream().sorted(Comparator.<AccessToken>comparingInt(t -> t.getUser().getPk())
        .thenComparing(AccessToken::getPk, Comparator.reverseOrder())).collect(Collectors.toList()), byUser);
    assertEquals(byDefault.get().stream().map(t -> t.getProvider().getPk()).sorted().collect(Collectors.toList()),
        byDefault.get().stream().map(t -> t.getProvider().getPk()).collect(Collectors.toList()));
    assertEquals(byDefault.get().stream().map(AccessToken::getPk).collect(Collectors.toList()),
        accessPks("is_expired,id_token,nonsense"), "unknown fields are dropped");
    assertEquals(all, accessPks("revoked"), "all false: then by pk");
    fake.addAuthorizationCode(jdoe, jellyfin);
    fake.addAuthorizationCode(jdoe, grafana);
    assertEquals(List.of(2, 1), oauth2.oauth2AuthorizationCodesList().ordering("-revoked").execute().getResults()
        .stream().map(AuthorizationCode::getPk).collect(Collectors.toList()), "codes have no revoked: default order");
  }

  @Test
  void aPagePastTheLastIsInvalidAndAnEmptyListHasOnePage() {
    int jdoe = fake.addUser("jdoe");
    int nobody = fake.addUser("nobody");
    int grafana = fake.addProvider("Grafana");
    IntStream.range(0, 5).forEach(i -> fake.addRefreshToken(jdoe, grafana));

    for (int page : new int[] {0, 4, -1}) {
      NotFoundException e = assertThrows(NotFoundException.class,
          () -> oauth2.oauth2RefreshTokensList().pageSize(2).page(page).execute());
      assertEquals("Invalid page.", e.getGenericError().getDetail());
    }
    PaginatedRefreshTokenList empty = oauth2.oauth2RefreshTokensList().user(nobody).execute();
    assertEquals(List.of(), empty.getResults());
    assertPagination(empty.getPagination(), 0, 0, 0, 1, 1, 0, 0);
    assertEquals(5, oauth2.oauth2RefreshTokensList().pageSize(2).page(3).execute().getPagination().getEndIndex());
  }

  @Test
  void unknownIdsAre404NamingTheModel() {
    assertNotFound("No RefreshToken matches the given query.", () -> oauth2.oauth2RefreshTokensRetrieve(7));
    assertNotFound("No RefreshToken matches the given query.", () -> oauth2.oauth2RefreshTokensDestroy(7));
    assertNotFound("No RefreshToken matches the given query.", () -> oauth2.oauth2RefreshTokensUsedByList(7));
    assertNotFound("No AccessToken matches the given query.", () -> oauth2.oauth2AccessTokensRetrieve(7));
    assertNotFound("No AccessToken matches the given query.", () -> oauth2.oauth2AccessTokensDestroy(7));
    assertNotFound("No AccessToken matches the given query.", () -> oauth2.oauth2AccessTokensUsedByList(7));
    assertNotFound("No AuthorizationCode matches the given query.", () -> oauth2.oauth2AuthorizationCodesRetrieve(7));
    assertNotFound("No AuthorizationCode matches the given query.", () -> oauth2.oauth2AuthorizationCodesDestroy(7));
    assertNotFound("No AuthorizationCode matches the given query.",
        () -> oauth2.oauth2AuthorizationCodesUsedByList(7));
  }

  @Test
  void retrieveAndUsedByAnswerForWhatExists() {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    int refresh = fake.addRefreshToken(jdoe, grafana);
    int access = fake.addAccessToken(jdoe, grafana);
    int code = fake.addAuthorizationCode(jdoe, grafana);

    RefreshToken token = oauth2.oauth2RefreshTokensRetrieve(refresh);
    assertEquals("jdoe", token.getUser().getUsername());
    assertEquals("Grafana", token.getProvider().getName());
    assertEquals(List.of("openid", "profile", "email", "offline_access"), token.getScope());
    assertFalse(token.getIsExpired());
    assertEquals(jdoe, oauth2.oauth2AccessTokensRetrieve(access).getUser().getPk());
    assertEquals(grafana, oauth2.oauth2AuthorizationCodesRetrieve(code).getProvider().getPk());
    assertEquals(List.of(), oauth2.oauth2RefreshTokensUsedByList(refresh));
    assertEquals(List.of(), oauth2.oauth2AccessTokensUsedByList(access));
    assertEquals(List.of(), oauth2.oauth2AuthorizationCodesUsedByList(code));
    assertEquals(1, refresh, "each table numbers from 1");
    assertEquals(1, access, "each table numbers from 1");
  }

  @Test
  void aWrongTokenIs403TokenInvalidAndNoneIs403NotProvided() throws Exception {
    int jdoe = fake.addUser("jdoe");
    fake.addRefreshToken(jdoe, fake.addProvider("Grafana"));
    try (AuthentikClient wrong = fake.clientBuilder().token("not-the-token").build()) {
      PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
          () -> wrong.oauth2().oauth2RefreshTokensRetrieve(1));
      assertEquals("Token invalid/expired", e.getGenericError().getDetail());
      assertFalse(e.getMessage().contains("not-the-token"));
    }

    HttpResponse<String> none = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(fake.url() + "/api/v3/oauth2/refresh_tokens/1/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, none.statusCode());
    assertEquals("Authentication credentials were not provided.", detail(none.body()));
    assertFalse(fake.toString().contains(fake.token()), "toString shows no token");
  }

  @Test
  void theReadOnlyTokenListsButMayNotDelete() {
    int jdoe = fake.addUser("jdoe");
    int id = fake.addAccessToken(jdoe, fake.addProvider("Grafana"));
    try (AuthentikClient readOnly = fake.clientBuilder().token(fake.readOnlyToken()).build()) {
      assertEquals(1, readOnly.oauth2().oauth2AccessTokensList().execute().getResults().size());
      PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
          () -> readOnly.oauth2().oauth2AccessTokensDestroy(id));
      assertEquals("You do not have permission to perform this action.", e.getGenericError().getDetail());
    }
    assertEquals(id, oauth2.oauth2AccessTokensRetrieve(id).getPk());
  }

  @Test
  void aFilterOnAUserThatDoesNotExistIs400() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> oauth2.oauth2RefreshTokensList().user(99).provider(98).execute());
    JsonObject body = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
    String invalid = "Select a valid choice. That choice is not one of the available choices.";
    assertEquals(invalid, body.getAsJsonArray("user").get(0).getAsString());
    assertEquals(invalid, body.getAsJsonArray("provider").get(0).getAsString());
  }

  @Test
  void searchIsAcceptedAndFiltersNothingAsOnAuthentik() {
    int jdoe = fake.addUser("jdoe");
    int alice = fake.addUser("alice");
    int grafana = fake.addProvider("Grafana");
    fake.addRefreshToken(jdoe, grafana);
    fake.addRefreshToken(alice, grafana);

    assertEquals(2, oauth2.oauth2RefreshTokensList().search("jdoe").execute().getResults().size());
  }

  @Test
  void destroyDeletesSoLaterPagesShift() {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    List<Integer> ids = IntStream.range(0, 6).mapToObj(i -> fake.addRefreshToken(jdoe, grafana))
        .collect(Collectors.toList());
    assertEquals(ids.subList(2, 4), refreshPage(2));

    oauth2.oauth2RefreshTokensDestroy(ids.get(0));

    assertEquals(ids.subList(3, 5), refreshPage(2), "page 2 moved one forward");
    assertEquals(5, oauth2.oauth2RefreshTokensList().pageSize(2).execute().getPagination().getCount());
    assertNotFound("No RefreshToken matches the given query.", () -> oauth2.oauth2RefreshTokensRetrieve(ids.get(0)));
    assertNotFound("No RefreshToken matches the given query.", () -> oauth2.oauth2RefreshTokensDestroy(ids.get(0)));
    assertTrue(fake.remove(TokenKind.REFRESH_TOKEN, ids.get(1)), "removed behind the client's back");
    assertFalse(fake.remove(TokenKind.REFRESH_TOKEN, ids.get(1)));
    assertEquals(ids.subList(4, 6), refreshPage(2));
  }

  @Test
  void answersInTheShapesOf2026_5_6() throws Exception {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    fake.addRefreshToken(jdoe, grafana);
    fake.addAccessToken(jdoe, grafana);
    fake.addAuthorizationCode(jdoe, grafana);

    assertSameShape(fixture("refresh_token.json"), get("/refresh_tokens/1/"), "$");
    assertSameShape(fixture("access_token.json"), get("/access_tokens/1/"), "$");
    assertSameShape(fixture("authorization_code.json"), get("/authorization_codes/1/"), "$");
    assertSameShape(fixture("refresh_tokens_page1.json"), get("/refresh_tokens/?user=" + jdoe), "$");
    assertSameShape(fixture("access_tokens_page1.json"), get("/access_tokens/"), "$");
    assertSameShape(fixture("authorization_codes_page1.json"), get("/authorization_codes/"), "$");

    // id_token: the claims as json.dumps(..., indent=4) writes them, in the fixture's order.
    String idToken = get("/refresh_tokens/1/").getAsJsonObject().get("id_token").getAsString();
    assertTrue(idToken.startsWith("{\n    \"iss\": \"" + fake.url() + "/application/o/grafana/\",\n    \"sub\": "), idToken);
    assertEquals(fixtureClaims("refresh_token.json"), claimNames(idToken));
    assertEquals(fixtureClaims("access_token.json"),
        claimNames(get("/access_tokens/1/").getAsJsonObject().get("id_token").getAsString()));
    RefreshToken token = oauth2.oauth2RefreshTokensRetrieve(1);
    assertEquals(idToken, token.getIdToken());
    assertFalse(token.toString().contains("application/o"), "toString masks the id_token");
  }

  @Test
  void countsTheDeletesInFlight() throws Exception {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    List<Integer> ids = IntStream.range(0, 8).mapToObj(i -> fake.addRefreshToken(jdoe, grafana))
        .collect(Collectors.toList());
    CountDownLatch arrived = new CountDownLatch(8);
    fake.onDelete((kind, pk) -> {
      arrived.countDown();
      arrived.await(10, TimeUnit.SECONDS); // all eight held until all eight are in flight
    });
    OkHttpClient wide = wideOkHttp();
    try (AuthentikClient parallel = fake.clientBuilder().httpClient(wide).build()) {
      List<CompletableFuture<Void>> deletes = ids.stream()
          .map(parallel.oauth2()::oauth2RefreshTokensDestroyAsync).collect(Collectors.toList());
      CompletableFuture.allOf(deletes.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
    } finally {
      wide.dispatcher().executorService().shutdown();
    }

    assertEquals(8, fake.maxConcurrentDeletes());
    assertEquals(0, oauth2.oauth2RefreshTokensList().execute().getPagination().getCount());
  }

  @Test
  void concurrentDeletesOfOneTokenDeleteItOnce() throws Exception {
    int id = fake.addRefreshToken(fake.addUser("jdoe"), fake.addProvider("Grafana"));
    CountDownLatch arrived = new CountDownLatch(6);
    fake.onDelete((kind, pk) -> {
      arrived.countDown();
      arrived.await(10, TimeUnit.SECONDS);
    });
    OkHttpClient wide = wideOkHttp();
    int deleted = 0;
    int notFound = 0;
    try (AuthentikClient parallel = fake.clientBuilder().httpClient(wide).maxRetries(0).build()) {
      List<CompletableFuture<Void>> deletes = IntStream.range(0, 6)
          .mapToObj(i -> parallel.oauth2().oauth2RefreshTokensDestroyAsync(id)).collect(Collectors.toList());
      for (CompletableFuture<Void> delete : deletes) {
        try {
          delete.get(20, TimeUnit.SECONDS);
          deleted++;
        } catch (ExecutionException e) {
          assertTrue(e.getCause() instanceof NotFoundException, e.getCause().toString());
          notFound++;
        }
      }
    } finally {
      wide.dispatcher().executorService().shutdown();
    }
    assertEquals(1, deleted);
    assertEquals(5, notFound);
  }

  @Test
  void seedingSaysWhatIsWrong() {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    assertThrows(IllegalArgumentException.class, () -> fake.addUser("jdoe"));
    assertThrows(IllegalArgumentException.class, () -> fake.addUser(" "));
    assertThrows(IllegalArgumentException.class, () -> fake.addProvider("Grafana"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fake.addRefreshToken(99, grafana));
    assertTrue(e.getMessage().contains("addUser"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fake.addAccessToken(jdoe, 99));
    assertThrows(IllegalArgumentException.class, () -> FakeAuthentik.start(" "));
  }

  private List<Integer> refreshPage(int page) {
    return pks(oauth2.oauth2RefreshTokensList().pageSize(2).page(page).execute().getResults());
  }

  private List<Integer> accessPks(String ordering) {
    return oauth2.oauth2AccessTokensList().ordering(ordering).execute().getResults().stream().map(AccessToken::getPk)
        .collect(Collectors.toList());
  }

  private static List<Integer> pks(Iterable<RefreshToken> tokens) {
    return StreamSupport.stream(tokens.spliterator(), false).map(RefreshToken::getPk).collect(Collectors.toList());
  }

  private static void assertNotFound(String detail, Executable call) {
    NotFoundException e = assertThrows(NotFoundException.class, call);
    assertEquals(detail, e.getGenericError().getDetail());
  }

  private static void assertPagination(Pagination p, int next, int previous, int count, int current, int totalPages,
      int startIndex, int endIndex) {
    assertEquals(List.of(next, previous, count, current, totalPages, startIndex, endIndex),
        List.of(p.getNext(), p.getPrevious(), p.getCount(), p.getCurrent(), p.getTotalPages(), p.getStartIndex(),
            p.getEndIndex()), "next, previous, count, current, total_pages, start_index, end_index");
  }

  /** Every object has the fixture's properties in the fixture's order; arrays compare their first items. */
  private static void assertSameShape(JsonElement expected, JsonElement actual, String at) {
    if (expected.isJsonObject()) {
      assertTrue(actual.isJsonObject(), at + " is an object");
      List<String> keys = new ArrayList<>(expected.getAsJsonObject().keySet());
      if (at.endsWith(".attributes")) {
        return; // free-form
      }
      assertEquals(keys, new ArrayList<>(actual.getAsJsonObject().keySet()), at);
      for (String key : keys) {
        JsonElement e = expected.getAsJsonObject().get(key);
        JsonElement a = actual.getAsJsonObject().get(key);
        if (!e.isJsonNull() && !a.isJsonNull()) {
          assertSameShape(e, a, at + "." + key);
        }
      }
    } else if (expected.isJsonArray()) {
      assertTrue(actual.isJsonArray(), at + " is an array");
      JsonArray e = expected.getAsJsonArray();
      JsonArray a = actual.getAsJsonArray();
      if (e.size() > 0 && a.size() > 0) {
        assertSameShape(e.get(0), a.get(0), at + "[0]");
      }
    } else {
      assertEquals(expected.getAsJsonPrimitive().isString(), actual.getAsJsonPrimitive().isString(), at + " type");
      assertEquals(expected.getAsJsonPrimitive().isNumber(), actual.getAsJsonPrimitive().isNumber(), at + " type");
      assertEquals(expected.getAsJsonPrimitive().isBoolean(), actual.getAsJsonPrimitive().isBoolean(), at + " type");
    }
  }

  private JsonElement get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(fake.url() + "/api/v3/oauth2" + path))
            .header("Authorization", "Bearer " + fake.token()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    return JsonParser.parseString(response.body());
  }

  private static List<String> fixtureClaims(String file) {
    return claimNames(fixture(file).getAsJsonObject().get("id_token").getAsString());
  }

  private static List<String> claimNames(String idToken) {
    return new ArrayList<>(JsonParser.parseString(idToken).getAsJsonObject().keySet());
  }

  private static String detail(String body) {
    return JsonParser.parseString(body).getAsJsonObject().get("detail").getAsString();
  }

  private static JsonElement fixture(String file) {
    try (InputStream in = FakeAuthentikTest.class.getResourceAsStream(RELEASE + file)) {
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OkHttp client that lets 16 calls to one host run at once (OkHttp's default is 5). */
  static OkHttpClient wideOkHttp() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(16);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }
}
