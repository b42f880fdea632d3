package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.ClientTypeEnum;
import io.goauthentik.client.model.MatchingModeEnum;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.model.SubModeEnum;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.UsedByActionEnum;
import io.goauthentik.client.model.UserTypeEnum;
import io.goauthentik.client.revocation.TokenKind;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import io.goauthentik.client.testkit.ReceivedRequest;
import io.goauthentik.client.testkit.TestModels;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the SDK recovers from a misbehaving server, or says why it could not, written with the test
 * kit's faults instead of MockWebServer scripts: the server is the stateful fake, so a retried
 * request gets the real answer, and the fake's recorder shows what was sent.
 */
class RecoveryTest {
  private static final String TOKENS = "/api/v3/oauth2/refresh_tokens/";

  private final FakeAuthentik fake = FakeAuthentik.start();
  /** Retries as configured by default, with backoff waits of at most a millisecond. */
  private final AuthentikClient client = fake.clientBuilder().retryBaseDelay(Duration.ofMillis(1)).build();
  private final int jdoe = fake.addUser("jdoe");
  private final int grafana = fake.addProvider("Grafana");
  private final int id = fake.addRefreshToken(jdoe, grafana);

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  @Test
  void aTooManyRequestsWithRetryAfterZeroIsRetriedAtOnce() {
    fake.inject(Fault.tooManyRequests(Duration.ZERO));

    RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(id);

    assertEquals(id, token.getPk());
    assertEquals(List.of("GET " + TOKENS + id + "/", "GET " + TOKENS + id + "/"), sent());
  }

  @Test
  void aRetryAfterLongerThanTheSdkWaitsEndsTheCallAtOnceCarryingIt() {
    fake.inject(Fault.tooManyRequests(Duration.ofSeconds(30)).always());

    RateLimitException e = assertThrows(RateLimitException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(id));

    assertEquals(Optional.of(Duration.ofSeconds(30)), e.getRetryAfter());
    assertEquals(1, fake.requests().size(), "not retried: the server asked for more than retryMaxDelay");
  }

  @Test
  void serviceUnavailableTwiceThenTheAnswer() {
    fake.inject(Fault.serviceUnavailable().times(2));

    assertEquals(1, client.oauth2().oauth2RefreshTokensList().execute().getResults().size());

    assertEquals(3, fake.requests().size(), "the first attempt and the default two retries");
  }

  @Test
  void serviceUnavailableAskingForALongerPauseThanTheSdkWaitsEndsAtOnce() {
    fake.inject(Fault.serviceUnavailable(Duration.ofMinutes(2)).always());

    ServerException e = assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(id));

    assertEquals(503, e.getCode());
    assertEquals(List.of("120"), e.getResponseHeaders().get("retry-after"), "the header is the caller's to read");
    assertEquals(1, fake.requests().size());
  }

  @Test
  void aBadGatewayPageForeverEndsInServerExceptionWithoutTheHtmlInItsMessage() {
    fake.inject(Fault.htmlErrorPage(502).always());

    ServerException e = assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(id));

    assertEquals(502, e.getCode());
    assertTrue(e.getMessage().endsWith("(after 3 attempts)"), e.getMessage());
    assertFalse(e.getMessage().contains("<"), e.getMessage());
    assertTrue(e.getResponseBody().contains("<h1>502 Bad Gateway</h1>"), "the page is kept for the caller");
    assertEquals(3, fake.requests().size());
  }

  @Test
  void aDroppedConnectionIsRetriedAndTheAnswerComes() {
    fake.inject(Fault.disconnect());

    assertEquals(id, client.oauth2().oauth2RefreshTokensRetrieve(id).getPk());
    assertEquals(2, fake.requests().size());
  }

  @Test
  void connectionsDroppedEveryTimeEndInTransportExceptionAfterTheRetries() {
    fake.inject(Fault.disconnect().always());
    // OkHttp's own silent retry after a connection failure off, so that the count is the SDK's alone.
    OkHttpClient noSilentRetry = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    try (AuthentikClient strict = fake.clientBuilder().httpClient(noSilentRetry)
        .retryBaseDelay(Duration.ofMillis(1)).build()) {
      TransportException get = assertThrows(TransportException.class, () -> strict.oauth2().oauth2RefreshTokensRetrieve(id));
      TransportException delete = assertThrows(TransportException.class,
          () -> strict.oauth2().oauth2RefreshTokensDestroy(id));

      assertEquals(0, get.getCode());
      assertTrue(get.getMessage().endsWith("(after 3 attempts)"), get.getMessage());
      assertTrue(delete.getMessage().startsWith("DELETE " + TOKENS + id + "/"), delete.getMessage());
    } finally {
      noSilentRetry.dispatcher().executorService().shutdown();
      noSilentRetry.connectionPool().evictAll();
    }
    assertEquals(List.of("GET", "GET", "GET", "DELETE", "DELETE", "DELETE"),
        fake.requests().stream().map(ReceivedRequest::method).collect(Collectors.toList()));
    fake.clearFaults();
    assertEquals(id, client.oauth2().oauth2RefreshTokensRetrieve(id).getPk(), "the DELETEs never arrived");
  }

  @Test
  void anAnswerSlowerThanTheReadTimeoutIsRetried() {
    fake.inject(Fault.delay(Duration.ofMinutes(5)));
    // A second: the retry's own answer must come within it, even on a busy machine.
    try (AuthentikClient impatient = client.newBuilder().readTimeout(Duration.ofSeconds(1)).build()) {
      long start = System.nanoTime();

      assertEquals(id, impatient.oauth2().oauth2RefreshTokensRetrieve(id).getPk());

      assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1), "it did not wait for the slow answer");
    }
    assertEquals(2, fake.requests().size());
  }

  @Test
  void anAnswerSlowerThanTheReadTimeoutWithoutRetriesIsATransportException() {
    fake.inject(Fault.delay(Duration.ofMinutes(5)));
    try (AuthentikClient once = client.newBuilder().readTimeout(Duration.ofMillis(200)).maxRetries(0).build()) {
      TransportException e = assertThrows(TransportException.class, () -> once.oauth2().oauth2RefreshTokensRetrieve(id));

      assertEquals(0, e.getCode());
    }
  }

  @Test
  void unknownFieldsAndEnumValuesOfALaterReleaseReadAsUnknown() {
    try (FakeAuthentik old = FakeAuthentik.builder().release("2025.10.4").start();
        AuthentikClient reader = old.clientBuilder().build()) {
      int token = old.addRefreshToken(old.addUser("jdoe"), old.addProvider("Grafana"));
      old.addUsedBy(TokenKind.REFRESH_TOKEN, token, TestModels.usedBy().action(UsedByActionEnum.SET_NULL));
      old.inject(Fault.unknownFieldsAndValues().always());

      RefreshToken read = reader.oauth2().oauth2RefreshTokensRetrieve(token);
      PaginatedRefreshTokenList page = reader.oauth2().oauth2RefreshTokensList().execute();
      List<UsedBy> usedBy = reader.oauth2().oauth2RefreshTokensUsedByList(token);

      assertEquals(token, read.getPk());
      assertEquals(ClientTypeEnum.UNKNOWN, read.getProvider().getClientType());
      assertEquals("added_in_a_later_release", read.getProvider().getClientTypeRaw());
      assertEquals(SubModeEnum.UNKNOWN, read.getProvider().getSubMode());
      assertEquals(MatchingModeEnum.UNKNOWN, read.getProvider().getRedirectUris().get(0).getMatchingMode());
      assertEquals(UserTypeEnum.UNKNOWN, read.getUser().getType());
      assertEquals(read, page.getResults().get(0));
      assertEquals(UsedByActionEnum.UNKNOWN, usedBy.get(0).getAction());
      assertEquals("added_in_a_later_release", usedBy.get(0).getActionRaw());
    }
  }

  @Test
  void anErrorOnPageTwoSurfacesFromTheIteratorAfterTheRetries() {
    IntStream.range(0, 4).forEach(i -> fake.addRefreshToken(jdoe, grafana));
    Iterator<RefreshToken> walk = client.oauth2().oauth2RefreshTokensList().pageSize(3).iterateAll().fetchAhead(0)
        .iterator();
    List<Integer> firstPage = List.of(walk.next().getPk(), walk.next().getPk(), walk.next().getPk());
    fake.inject(Fault.serviceUnavailable().always());

    ServerException e = assertThrows(ServerException.class, walk::hasNext);

    assertEquals(List.of(1, 2, 3), firstPage);
    assertEquals(503, e.getCode());
    List<ReceivedRequest> requests = fake.requests();
    assertEquals(4, requests.size(), "page 1, then page 2 three times");
    assertEquals(Optional.of("2"), requests.get(3).queryParameter("page"));
  }

  @Test
  void aTokenRevokedBehindTheSdksBackIsGoneForTheNextCall() {
    assertEquals(id, client.oauth2().oauth2RefreshTokensRetrieve(id).getPk());
    assertTrue(fake.remove(TokenKind.REFRESH_TOKEN, id));

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(id));

    assertEquals("No RefreshToken matches the given query.", e.getGenericError().getDetail());
    assertNull(e.getGenericError().getCode());
  }

  private List<String> sent() {
    return fake.requests().stream().map(ReceivedRequest::toString).collect(Collectors.toList());
  }
}
