package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.api.CoreApi;
import io.goauthentik.client.model.User;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A list request's {@code single()}: one request for a page of two, with the caller's filters; no
 * result is empty, one is the result, more is an {@link IllegalStateException} naming the count.
 */
class SingleTest {
  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void noResultIsEmpty() throws Exception {
    server.enqueue(page(0));

    assertEquals(Optional.empty(), client.core().coreUsersList().username("jdoe").single());

    assertAskedForTwo(server.takeRequest(5, TimeUnit.SECONDS));
  }

  @Test
  void oneResultIsTheResult() throws Exception {
    server.enqueue(page(1));

    User user = client.core().coreUsersList().username("jdoe").single().orElseThrow();

    assertEquals(7, user.getPk());
    assertEquals("jdoe", user.getUsername());
    assertAskedForTwo(server.takeRequest(5, TimeUnit.SECONDS));
    assertEquals(1, server.getRequestCount(), "one request");
  }

  @Test
  void moreThanOneIsAnErrorNamingTheCount() throws Exception {
    server.enqueue(page(5));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> client.core().coreUsersList().search("jdoe").single());

    assertTrue(e.getMessage().contains("coreUsersList matched 5 results"), e.getMessage());
    assertEquals(1, server.getRequestCount(), "one request, not every page");
  }

  @Test
  void theCallersPageSizeAndPageStayForItsOtherRuns() throws Exception {
    server.enqueue(page(1));
    server.enqueue(page(1));
    CoreApi.CoreUsersListRequest list = client.core().coreUsersList().username("jdoe").pageSize(50).page(3);

    list.single();
    list.execute();

    assertAskedForTwo(server.takeRequest(5, TimeUnit.SECONDS));
    HttpUrl second = server.takeRequest(5, TimeUnit.SECONDS).getUrl();
    assertEquals("50", second.queryParameter("page_size"));
    assertEquals("3", second.queryParameter("page"));
  }

  private static void assertAskedForTwo(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v3/core/users/", url.encodedPath());
    assertEquals("2", url.queryParameter("page_size"));
    assertEquals(null, url.queryParameter("page"), "the first page");
    assertTrue(url.queryParameterNames().contains("username") || url.queryParameterNames().contains("search"), url.toString());
    if (url.queryParameterNames().contains("username")) {
      assertEquals("jdoe", url.queryParameter("username"));
    }
  }

  /** A page of users as authentik sends it: {@code count} matches, at most two on the page. */
  private static MockResponse page(int count) {
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < Math.min(count, 2); i++) {
      results.append(i == 0 ? "" : ", ").append("{\"pk\": ").append(7 + i).append(", \"username\": \"jdoe")
          .append(i == 0 ? "" : String.valueOf(i + 1)).append("\", \"name\": \"J. Doe\", \"is_active\": true}");
    }
    String body = "{\"pagination\": {\"next\": " + (count > 2 ? 2 : 0) + ", \"previous\": 0, \"count\": " + count
        + ", \"current\": 1, \"total_pages\": " + Math.max(1, (count + 1) / 2) + ", \"start_index\": " + Math.min(1, count)
        + ", \"end_index\": " + Math.min(2, count) + "}, \"results\": [" + results + "], \"autocomplete\": {}}";
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
