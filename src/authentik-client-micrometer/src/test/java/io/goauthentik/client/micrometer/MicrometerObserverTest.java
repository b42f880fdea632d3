package io.goauthentik.client.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.TransportException;
import io.goauthentik.client.testkit.Fault;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters a service sees after calls through a client observed by {@link MicrometerObserver}. */
class MicrometerObserverTest {
  private final FakeAuthentik authentik = FakeAuthentik.start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AuthentikClient client = authentik.clientBuilder().retryBaseDelay(Duration.ofMillis(1))
      .observer(MicrometerObserver.create(registry)).build();

  @AfterEach
  void close() {
    client.close();
    authentik.close();
  }

  @Test
  void aSuccessfulCallIsOneSampleTaggedWithOperationMethodStatusAndOutcome() {
    int user = authentik.addUser("jdoe");
    int provider = authentik.addProvider("app");
    int token = authentik.addRefreshToken(user, provider);

    client.oauth2().oauth2RefreshTokensRetrieve(token);
    client.oauth2().oauth2RefreshTokensRetrieve(token);

    Timer timer = registry.get("authentik.client.requests").tag("operation", "oauth2_refresh_tokens_retrieve")
        .tag("method", "GET").tag("status", "200").tag("outcome", "SUCCESS").timer();
    assertEquals(2, timer.count());
    assertTrue(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
  }

  @Test
  void aFailureIsTaggedWithItsStatusAndNoIdAppearsInAnyTag() {
    assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(987654));

    Timer timer = registry.get("authentik.client.requests").tag("status", "404").tag("outcome", "CLIENT_ERROR").timer();
    assertEquals(1, timer.count());
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertFalse(tag.getValue().contains("987654"), tag::toString);
      }
    }
  }

  @Test
  void retriesAreCountedByTheStatusOfTheFailedAttemptAndTheCallIsOneSample() {
    authentik.inject(Fault.serviceUnavailable().times(2));

    client.oauth2().oauth2RefreshTokensList().execute();

    assertEquals(2.0, registry.get("authentik.client.retries").tag("operation", "oauth2_refresh_tokens_list")
        .tag("status", "503").counter().count());
    assertEquals(1, registry.get("authentik.client.requests").tag("status", "200").timer().count());
  }

  @Test
  void aCallWithoutResponseIsAnIoError() {
    authentik.inject(Fault.disconnect().always());

    assertThrows(TransportException.class, () -> client.oauth2().oauth2RefreshTokensList().execute());

    Timer timer = registry.get("authentik.client.requests").tag("status", "IO_ERROR").tag("outcome", "UNKNOWN").timer();
    assertEquals(1, timer.count());
    assertNotNull(registry.find("authentik.client.retries").tag("status", "IO_ERROR").counter());
  }

  @Test
  void theTagsAreExactlyTheFourNamed() {
    client.oauth2().oauth2RefreshTokensList().execute();

    List<String> keys = registry.get("authentik.client.requests").timer().getId().getTags().stream()
        .map(Tag::getKey).sorted().collect(Collectors.toList());
    assertEquals(List.of("method", "operation", "outcome", "status"), keys);
  }
}
