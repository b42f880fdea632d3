package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.model.PatchedUserRequest;
import io.goauthentik.client.model.UserRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A free-form value that contains itself cannot be sent as JSON: it fails at once with an
 * IllegalArgumentException naming the property, nothing is sent, and nothing overflows the stack.
 */
class CyclicRequestTest {
  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik();
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void aMapHoldingItselfIsRefusedBeforeAnythingIsSent() {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("self", attributes);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.core().coreUsersCreate(
        UserRequest.builder().username("jdoe").name("J. Doe").attributes(attributes).build()));

    assertTrue(e.getMessage().startsWith("attributes contains itself"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aMapHoldingItselfDeeperDownThroughAListIsRefused() {
    Map<String, Object> attributes = new HashMap<>();
    List<Object> list = new ArrayList<>();
    Map<String, Object> inner = new HashMap<>();
    attributes.put("list", list);
    list.add(inner);
    inner.put("back", attributes);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.core().coreUsersPartialUpdate(5,
        PatchedUserRequest.builder().attributes(attributes).build()));

    assertTrue(e.getMessage().startsWith("attributes contains itself"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aListHoldingItselfIsRefused() {
    List<Object> list = new ArrayList<>();
    list.add(list);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatchedUserRequest.builder().attributes(Map.of("list", list)));

    assertTrue(e.getMessage().startsWith("attributes contains itself"), e.getMessage());
  }

  @Test
  void aValueNestedTooDeepIsRefused() {
    Map<String, Object> attributes = new HashMap<>();
    Map<String, Object> current = attributes;
    for (int i = 0; i < 100_000; i++) {
      Map<String, Object> next = new HashMap<>();
      current.put("a", next);
      current = next;
    }
    Map<String, Object> deep = attributes;

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatchedUserRequest.builder().attributes(deep));

    assertTrue(e.getMessage().startsWith("attributes is nested more than"), e.getMessage());
  }

  @Test
  void theSameMapTwiceSideBySideIsNoCycleAndIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"pk\": 5, \"username\": \"jdoe\"}").build());
    Map<String, Object> shared = Map.of("k", "v");
    Map<String, Object> attributes = Map.of("a", shared, "b", List.of(shared, shared));

    PatchedUserRequest request = PatchedUserRequest.builder().attributes(attributes).build();
    client.core().coreUsersPartialUpdate(5, request);

    String body = server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
    assertTrue(body.contains("{\"k\":\"v\"},{\"k\":\"v\"}"), body);
    assertEquals("PatchedUserRequest{attributes={2 entries}}", request.toString());
  }
}
