package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.goauthentik.client.model.RefreshToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One client shared by several threads: every call gets its own answer, with the right headers. */
class ConcurrencyTest {
  private static final String TOKEN = "ak-concurrency-test-token";
  private static final int THREADS = 4;
  private static final int CALLS = 20;
  private static final String FIXTURE = Fixtures.load("2024.6.3", "refresh_token.json");

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private ExecutorService pool;

  @BeforeEach
  void start() {
    // Answers with the token whose pk is the id asked for, and refuses a request without the right headers.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        boolean headersOk = ("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))
            && AuthentikClient.USER_AGENT.equals(request.getHeaders().get("User-Agent"));
        if (!headersOk) {
          return new MockResponse.Builder().code(403).body("{\"detail\": \"bad headers\"}").build();
        }
        String id = request.getUrl().pathSegments().get(4); // api, v3, oauth2, refresh_tokens, {id}, ""
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(FIXTURE.replaceFirst("\"pk\": 42", "\"pk\": " + id)).build();
      }
    });
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void oneClientServesSeveralThreads() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Integer>>> results = new ArrayList<>();
    AuthentikClient client = authentik.client();
    for (int t = 0; t < THREADS; t++) {
      int first = 1000 * (t + 1);
      results.add(pool.submit(() -> {
        go.await(); // start together, so the calls overlap
        List<Integer> mismatches = new ArrayList<>();
        for (int id = first; id < first + CALLS; id++) {
          RefreshToken token = client.oauth2().oauth2RefreshTokensRetrieve(id);
          if (token.getPk() != id || !"akadmin".equals(token.getUser().getUsername())) {
            mismatches.add(id);
          }
        }
        return mismatches;
      }));
    }
    go.countDown();
    for (Future<List<Integer>> result : results) {
      assertEquals(List.of(), result.get(30, TimeUnit.SECONDS), "ids answered with another token");
    }
    assertEquals(THREADS * CALLS, server.getRequestCount());
  }
}
