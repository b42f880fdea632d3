package io.goauthentik.client.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JUnit 5 extension as users register it: injected parameters, the same pair for a test and its
 * {@code @BeforeEach}, a fresh pair per test or one per class, and everything closed afterwards
 * (checked once the nested classes are done, here in the outer class's {@code @AfterAll}).
 */
class FakeAuthentikExtensionTest {
  /** Every fake and client the nested classes (run side by side) were given, to check they are closed at the end. */
  private static final List<FakeAuthentik> FAKES = new CopyOnWriteArrayList<>();
  private static final List<AuthentikClient> CLIENTS = new CopyOnWriteArrayList<>();

  @AfterAll
  static void everythingTheExtensionStartedIsClosed() {
    assertEquals(4, FAKES.size(), "two per-test pairs, and the per-class pair seen twice");
    for (FakeAuthentik fake : FAKES) {
      assertRefused(fake);
    }
    for (AuthentikClient client : CLIENTS) {
      assertThrows(IllegalStateException.class, () -> client.oauth2().oauth2RefreshTokensList().execute());
    }
  }

  @Nested
  @ExtendWith(FakeAuthentikExtension.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerTest {
    private FakeAuthentik seeded;

    @BeforeEach
    void seed(FakeAuthentik fake) {
      fake.addRefreshToken(fake.addUser("jdoe"), fake.addProvider("Grafana"));
      seeded = fake;
    }

    /** What the first test was given. */
    private static FakeAuthentik first;
    private static AuthentikClient firstClient;

    @Test
    @Order(1)
    void aTestGetsTheFakeItsBeforeEachSeededAndAClientPointedAtIt(FakeAuthentik fake, AuthentikClient client) {
      assertSame(seeded, fake);
      assertEquals("jdoe", client.oauth2().oauth2RefreshTokensRetrieve(1).getUser().getUsername());
      assertEquals("2026.5.6", fake.release());
      first = fake;
      firstClient = client;
      FAKES.add(fake);
      CLIENTS.add(client);
    }

    @Test
    @Order(2)
    void theNextTestGetsAFreshPairAndThePreviousIsClosed(FakeAuthentik fake, AuthentikClient client) {
      assertNotSame(first, fake);
      assertRefused(first);
      assertThrows(IllegalStateException.class, () -> firstClient.oauth2().oauth2RefreshTokensList().execute());
      assertEquals(1, client.oauth2().oauth2RefreshTokensList().execute().getPagination().getCount(), "seeded anew");
      FAKES.add(fake);
      CLIENTS.add(client);
    }
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerClass {
    @RegisterExtension
    static final FakeAuthentikExtension AUTHENTIK = FakeAuthentikExtension.builder().release("2024.6.3")
        .client(b -> b.maxRetries(0)).perClass().build();

    private static FakeAuthentik shared;
    private static AuthentikClient sharedClient;

    @Test
    @Order(1)
    void theFakeSpeaksTheReleaseAndTheClientHasTheSettings(FakeAuthentik fake, AuthentikClient client) {
      assertEquals("2024.6.3", fake.release());
      fake.addUser("jdoe");
      fake.inject(Fault.serviceUnavailable().times(2));

      assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensList().execute());
      assertEquals(1, fake.requests().size(), "maxRetries(0): sent once");
      shared = fake;
      sharedClient = client;
      FAKES.add(fake);
      CLIENTS.add(client);
    }

    @Test
    @Order(2)
    void theNextTestSharesThem(FakeAuthentik fake, AuthentikClient client) {
      assertSame(shared, fake);
      assertSame(sharedClient, client);
      assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensList().execute(),
          "the second 503 injected by the first test");
      assertThrows(IllegalArgumentException.class, () -> fake.addUser("jdoe"), "jdoe exists since the first test");
      FAKES.add(fake);
      CLIENTS.add(client);
    }
  }

  @Test
  void aReleaseTheKitDoesNotKnowFailsWhenTheExtensionIsBuilt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakeAuthentikExtension.builder().release("2023.10.1"));

    assertTrue(e.getMessage().contains("2026.5.6"), e.getMessage());
    assertEquals("FakeAuthentikExtension{release=2024.2.2, perClass}",
        FakeAuthentikExtension.builder().release("2024.2.2").perClass().build().toString());
  }

  private static void assertRefused(FakeAuthentik fake) {
    URI url = URI.create(fake.url());
    assertThrows(ConnectException.class, () -> {
      try (Socket socket = new Socket(url.getHost(), url.getPort())) {
        throw new IOException("connected to " + fake + " after it was closed");
      }
    });
  }
}
