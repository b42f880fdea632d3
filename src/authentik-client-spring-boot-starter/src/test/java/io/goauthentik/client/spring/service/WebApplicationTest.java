package io.goauthentik.client.spring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.testkit.FakeAuthentik;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with the starter and Actuator, against the test kit's fake: a request that
 * calls authentik, then the health endpoint (UP with the fake's release) and the metrics endpoint
 * (the call's timer). This is how README tells users to test their own service.
 */
@SpringBootTest(classes = WebApplicationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always"})
class WebApplicationTest {
  static final FakeAuthentik AUTHENTIK = FakeAuthentik.start();
  private static final OkHttpClient HTTP = new OkHttpClient();

  @DynamicPropertySource
  static void authentik(DynamicPropertyRegistry properties) {
    properties.add("authentik.url", AUTHENTIK::url);
    properties.add("authentik.token", AUTHENTIK::token);
  }

  @AfterAll
  static void stop() {
    AUTHENTIK.close();
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void theServiceCallsAuthentikAndShowsItsHealthAndMetrics() throws IOException {
    AUTHENTIK.addRefreshToken(AUTHENTIK.addUser("jdoe"), AUTHENTIK.addProvider("app"));

    assertEquals("1", get("/tokens"));

    JsonObject health = JsonParser.parseString(get("/actuator/health")).getAsJsonObject();
    assertTrue(health.getAsJsonObject("components").has("authentik"), health::toString);
    JsonObject component = health.getAsJsonObject("components").getAsJsonObject("authentik");
    assertEquals("UP", component.get("status").getAsString(), health::toString);
    assertEquals(AUTHENTIK.release(), component.getAsJsonObject("details").get("release").getAsString());
    assertFalse(health.toString().contains(AUTHENTIK.token()));

    JsonObject metric = JsonParser.parseString(get("/actuator/metrics/authentik.client.requests"
        + "?tag=operation:oauth2_refresh_tokens_list&tag=status:200")).getAsJsonObject();
    assertEquals("authentik.client.requests", metric.get("name").getAsString());
    assertEquals(1.0, metric.getAsJsonArray("measurements").get(0).getAsJsonObject().get("value").getAsDouble(),
        metric::toString);
    assertTrue(metric.toString().contains("outcome"), metric::toString);
  }

  private String get(String path) throws IOException {
    try (Response response = HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build())
        .execute()) {
      assertEquals(200, response.code(), path);
      return response.body().string();
    }
  }

  /** A service using the client bean. */
  @SpringBootApplication
  @RestController
  static class App {
    private final AuthentikClient authentik;

    App(AuthentikClient authentik) {
      this.authentik = authentik;
    }

    @GetMapping("/tokens")
    String tokens() {
      return Integer.toString(authentik.oauth2().oauth2RefreshTokensList().execute().getResults().size());
    }
  }
}
