package io.goauthentik.client.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the health indicator {@code authentik} says, with either Spring Boot (the adapters only copy it). */
class AuthentikHealthTest {
  private final FakeAuthentik authentik = FakeAuthentik.start();
  private final AuthentikClient client = authentik.clientBuilder().maxRetries(0).build();
  private final AuthentikHealth health = new AuthentikHealth(client);

  @AfterEach
  void stop() {
    client.close();
    authentik.close();
  }

  @Test
  void upWithTheServersRelease() {
    Map<String, Object> details = AuthentikHealth.newDetails();
    assertTrue(health.check(details));
    assertEquals(authentik.release(), details.get("release"));
  }

  @Test
  void downWithTheExceptionClassAndStatusButNeverTheToken() {
    authentik.inject(Fault.serviceUnavailable().always());
    Map<String, Object> details = AuthentikHealth.newDetails();
    assertFalse(health.check(details));
    assertEquals("io.goauthentik.client.ServerException", details.get("error"));
    assertEquals(503, details.get("status"));
    assertFalse(details.toString().contains(authentik.token()), details::toString);
  }

  @Test
  void downWhenTheTokenIsRefused() {
    try (AuthentikClient wrong = authentik.clientBuilder().token("not-the-token").build()) {
      Map<String, Object> details = AuthentikHealth.newDetails();
      assertFalse(new AuthentikHealth(wrong).check(details));
      assertTrue(details.containsKey("status"), details::toString); // 403; the fake has no users/me/, so 404 there
      assertFalse(details.toString().contains("not-the-token"));
    }
  }
}
