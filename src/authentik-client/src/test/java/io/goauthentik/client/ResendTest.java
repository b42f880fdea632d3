package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.goauthentik.client.model.PatchedUserRequest;
import io.goauthentik.client.model.UserRequest;
import java.time.Duration;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the SDK decides what is sent twice. OkHttp re-sends by itself a request answered 408, or 503
 * with {@code Retry-After: 0}, and one whose connection failed after it was written; none of that
 * may repeat a POST or PATCH, and a GET, PUT or DELETE is repeated only by the SDK's rule and within
 * its count, for the client's own OkHttp client and an injected one alike.
 */
class ResendTest {
  private static final String USER = "{\"pk\": 7, \"username\": \"jdoe\", \"name\": \"J\"}";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.retryBaseDelay(Duration.ZERO));
  private final MockWebServer server = authentik.server();

  private static MockResponse unavailableNow() {
    return new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  private static MockResponse connectionLostAfterRequest() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  private void enqueue(int times, MockResponse response) {
    for (int i = 0; i < times; i++) {
      server.enqueue(response);
    }
  }

  private static void create(AuthentikClient client) {
    client.core().coreUsersCreate(UserRequest.builder().username("jdoe").name("J").build());
  }

  private static void patch(AuthentikClient client) {
    client.core().coreUsersPartialUpdate(7, PatchedUserRequest.builder().isActive(false).build());
  }

  @Test
  void aPostAnswered503RetryAfterZeroIsSentOnce() {
    enqueue(2, unavailableNow());
    server.enqueue(new MockResponse.Builder().code(201).body(USER).build());

    ServerException e = assertThrows(ServerException.class, () -> create(authentik.client()));

    assertEquals(503, e.getCode());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aPatchAnswered408IsSentOnce() {
    enqueue(2, status(408));
    server.enqueue(new MockResponse.Builder().code(200).body(USER).build());

    ApiException e = assertThrows(ApiException.class, () -> patch(authentik.client()));

    assertEquals(408, e.getCode());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PATCH"})
  void aWriteWhosePooledConnectionFailedAfterSendingIsSentOnce(String method) {
    AuthentikClient client = authentik.client();
    server.enqueue(new MockResponse.Builder().code(200).body(USER).build());
    client.core().coreUsersRetrieve(7); // the connection is now pooled: OkHttp re-sends on a pooled one
    server.enqueue(connectionLostAfterRequest());
    enqueue(2, new MockResponse.Builder().code(200).body(USER).build());

    Consumer<AuthentikClient> write = method.equals("POST") ? ResendTest::create : ResendTest::patch;
    assertThrows(TransportException.class, () -> write.accept(client));

    assertEquals(2, server.getRequestCount(), "the GET, then the write once");
  }

  @Test
  void anInjectedClientThatRetriesOnConnectionFailureStillSendsAPostOnce() {
    // A user's client set to re-send after a failed connection, on purpose: the SDK's own rule must still win.
    OkHttpClient injected = new OkHttpClient.Builder().retryOnConnectionFailure(true).build();
    AuthentikClient client = authentik.client(b -> b.httpClient(injected));
    server.enqueue(new MockResponse.Builder().code(201).body(USER).build());
    server.enqueue(connectionLostAfterRequest());
    server.enqueue(new MockResponse.Builder().code(201).body(USER).build());
    enqueue(2, unavailableNow());

    create(client);
    assertThrows(TransportException.class, () -> create(client));
    assertEquals(2, server.getRequestCount());
    create(client);
    assertThrows(ServerException.class, () -> create(client));

    assertEquals(4, server.getRequestCount());
    injected.dispatcher().executorService().shutdown();
  }

  @Test
  void aDeleteAnswered503RetryAfterZeroIsSentOnlyAsOftenAsTheSdkAllows() {
    enqueue(3, unavailableNow());
    server.enqueue(status(204));

    assertThrows(ServerException.class,
        () -> authentik.client(b -> b.maxRetries(0)).oauth2().oauth2RefreshTokensDestroy(42));
    assertEquals(1, server.getRequestCount(), "maxRetries(0): one request");

    authentik.client(b -> b.maxRetries(2)).oauth2().oauth2RefreshTokensDestroy(42);
    assertEquals(4, server.getRequestCount(), "then two retries by the SDK's rule, the third attempt succeeding");
  }

  @Test
  void aGetAnswered408IsRetriedByTheSdk() {
    server.enqueue(status(408));
    server.enqueue(new MockResponse.Builder().code(200).body(USER).build());

    assertEquals(7, authentik.client(b -> b.maxRetries(1)).core().coreUsersRetrieve(7).getPk());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aGetAnswered503RetryAfterZeroWithNoRetriesLeftIsSentOnce() {
    enqueue(2, unavailableNow());
    server.enqueue(new MockResponse.Builder().code(200).body(USER).build());

    ServerException e = assertThrows(ServerException.class,
        () -> authentik.client(b -> b.maxRetries(0)).core().coreUsersRetrieve(7));

    assertEquals(503, e.getCode());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aPatchTheCallerCallsRepeatableIsRetriedUnderTheSameRuleAndCount() {
    enqueue(2, status(503));
    server.enqueue(new MockResponse.Builder().code(200).body(USER).build());
    RequestOptions repeatable = RequestOptions.builder().retryNonIdempotent(true).build();
    AuthentikClient client = authentik.client(b -> b.maxRetries(2));

    assertEquals(7, client.core().withOptions(repeatable)
        .coreUsersPartialUpdate(7, PatchedUserRequest.builder().isActive(false).build()).getPk());
    assertEquals(3, server.getRequestCount(), "two retries, as for a GET");

    enqueue(3, status(503));
    assertThrows(ServerException.class, () -> client.core()
        .withOptions(repeatable.newBuilder().maxRetries(1).build())
        .coreUsersPartialUpdate(7, PatchedUserRequest.builder().isActive(false).build()));
    assertEquals(5, server.getRequestCount(), "the count still holds");

    server.enqueue(status(503));
    assertThrows(ServerException.class, () -> patch(client));
    assertEquals(6, server.getRequestCount(), "without the option: once");
  }

  @Test
  void aRepeatablePostWhoseConnectionFailedIsRetriedByTheSdk() {
    AuthentikClient client = authentik.client(b -> b.maxRetries(1));
    server.enqueue(new MockResponse.Builder().code(200).body(USER).build());
    client.core().coreUsersRetrieve(7);
    server.enqueue(connectionLostAfterRequest());
    server.enqueue(new MockResponse.Builder().code(201).body(USER).build());

    client.core().withOptions(RequestOptions.builder().retryNonIdempotent(true).build())
        .coreUsersCreate(UserRequest.builder().username("jdoe").name("J").build());

    assertEquals(3, server.getRequestCount(), "the GET, then the POST twice");
  }
}
