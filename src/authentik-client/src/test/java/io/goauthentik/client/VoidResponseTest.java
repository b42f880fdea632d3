package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operation that returns nothing succeeds only on a 2xx the API gives: no body, or a JSON one.
 * A login or maintenance page served with 200 means the operation did not happen.
 */
class VoidResponseTest {
  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0));
  private final MockWebServer server = authentik.server();

  private static MockResponse ok(int code, String contentType, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<!DOCTYPE html><html><body>Sign in</body></html>", "Service under maintenance", "{\"a\": 1} trailing"})
  void aDestroyAnsweredWithAPageIsMalformed(String page) {
    server.enqueue(ok(200, "text/html; charset=utf-8", page));

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> authentik.client().oauth2().oauth2RefreshTokensDestroy(42));

    assertEquals(200, e.getCode());
    assertTrue(e.getMessage().startsWith("DELETE /api/v3/oauth2/refresh_tokens/42/: 200 body is"), e.getMessage());
    assertTrue(!e.getMessage().contains("Sign in") && !e.getMessage().contains("maintenance"), e.getMessage());
  }

  @Test
  void anActionAnsweredWithAPageIsMalformedToo() {
    server.enqueue(ok(200, "text/html", "<html>login</html>"));

    assertThrows(MalformedResponseException.class,
        () -> authentik.client().core().coreGroupsAddUserCreate(java.util.UUID.randomUUID(),
            io.goauthentik.client.model.UserAccountRequest.builder().pk(7).build()));
  }

  @Test
  void anAsyncDestroyAnsweredWithAPageFailsTheFuture() {
    server.enqueue(ok(200, "text/html", "<html>login</html>"));

    CompletionException e = assertThrows(CompletionException.class,
        () -> authentik.client().oauth2().oauth2RefreshTokensDestroyAsync(42).join());

    assertEquals(MalformedResponseException.class, e.getCause().getClass());
  }

  @Test
  void aDestroyAnswered204OrWithJsonSucceeds() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(ok(200, "application/json", "{\"detail\": \"deleted\"}"));
    server.enqueue(ok(200, "application/json", ""));

    authentik.client().oauth2().oauth2RefreshTokensDestroy(1);
    authentik.client().oauth2().oauth2RefreshTokensDestroy(2);
    authentik.client().oauth2().oauth2RefreshTokensDestroy(3);

    assertEquals(3, server.getRequestCount());
  }
}
