package io.goauthentik.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code authentik-tokens doctor}: the server's release, whether the SDK knows it, the token's user. */
class ToolDoctorTest {
  private final MockWebServer server = new MockWebServer();
  private volatile MockResponse me = json(200, "{\"user\": {\"pk\": 7, \"username\": \"akadmin\", \"is_superuser\": true}}");
  private volatile MockResponse version = json(200, "{\"version_current\": \"2024.6.3\"}");

  ToolDoctorTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().equals("/api/v3/admin/version/") ? version : me;
      }
    });
    server.start();
  }

  @AfterEach
  void close() {
    server.close();
  }

  private Tool tool() {
    return new Tool().env("AUTHENTIK_URL", server.url("/").toString()).env("AUTHENTIK_TOKEN", "ak-doctor-token");
  }

  @Test
  void printsTheReleaseWhetherItIsSupportedAndTheTokensUser() {
    JsonObject report = tool().run("doctor", "--output", "json").exits(0).object();
    assertEquals("2024.6.3", report.get("release").getAsString());
    assertEquals("yes", report.get("supported").getAsString());
    assertEquals("akadmin", report.get("user").getAsString());
    assertEquals(7, report.get("user_pk").getAsInt());
  }

  @Test
  void aReleaseOutsideTheKnownOnesIsNotSupported() {
    version = json(200, "{\"version_current\": \"2023.10.7\"}");
    JsonObject report = tool().run("doctor", "--output", "json").exits(0).object();
    assertTrue(report.get("supported").getAsString().startsWith("no"), report.toString());
  }

  @Test
  void aReleaseThatCannotBeAskedIsUnknown() {
    version = json(403, "{\"detail\": \"You do not have permission to perform this action.\"}");
    JsonObject report = tool().run("doctor", "--output", "json").exits(0).object();
    assertTrue(report.get("release").getAsString().startsWith("unknown"), report.toString());
  }

  @Test
  void aRefusedTokenExitsDenied() {
    me = json(403, "{\"detail\": \"Token invalid/expired\"}");
    tool().run("doctor").exits(ExitCode.DENIED);
  }

  @Test
  void anUnreachableServerExitsTransport() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    new Tool().env("AUTHENTIK_URL", "http://127.0.0.1:" + port).env("AUTHENTIK_TOKEN", "ak-doctor-token")
        .run("doctor").exits(ExitCode.TRANSPORT);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
