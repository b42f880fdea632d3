package io.goauthentik.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.MockAuthentik;
import io.goauthentik.client.ServerException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries and methods: only idempotent requests are sent again. The generated API has only GET so
 * far, so a POST and a PUT are sent through the caller itself.
 */
class ApiCallerTest {
  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik();
  private final MockWebServer server = authentik.server();
  private final OkHttpClient http = new OkHttpClient();
  private ApiCaller caller;

  @BeforeEach
  void start() {
    String base = server.url("/api/v3").toString();
    RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(1));
    caller = new ApiCaller(http, base, Headers.of("Accept", "application/json"), retry, Duration.ofSeconds(10),
        new Redactor("token"), new RetryWaits());
  }

  @AfterEach
  void stop() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void postIsNeverRetried() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(204).build());
    Request post = caller.newRequest("GET", "/things/").newBuilder().post(RequestBody.create(new byte[0])).build();

    ApiException e = assertThrows(ApiException.class, () -> caller.execute(post, null));

    assertEquals(ServerException.class, e.getClass());
    assertEquals("POST /api/v3/things/: 503 Service Unavailable", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void putIsRetried() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(204).build());
    Request put = caller.newRequest("GET", "/things/1/").newBuilder().put(RequestBody.create(new byte[0])).build();

    assertNull(caller.execute(put, null));
    assertEquals(2, server.getRequestCount());
  }
}
