package io.goauthentik.client.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.ServerException;
import io.goauthentik.client.micrometer.MicrometerObserver;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration as an application sees it: which beans there are for which properties and
 * beans of its own. Runs against the Spring Boot the build tests with (3.5, or 4.0 with -Pspring-boot-4).
 */
class AuthentikAutoConfigurationTest {
  private final FakeAuthentik authentik = FakeAuthentik.start();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AuthentikAutoConfiguration.class, AuthentikHealthAutoConfiguration.class));

  @AfterEach
  void stop() {
    authentik.close();
  }

  private ApplicationContextRunner configured() {
    return runner.withPropertyValues("authentik.url=" + authentik.url(), "authentik.token=" + authentik.token());
  }

  @Test
  void urlAndTokenGiveOneClientBeanOfThatServer() {
    configured().run(context -> {
      assertEquals(1, context.getBeansOfType(AuthentikClient.class).size());
      AuthentikClient client = context.getBean(AuthentikClient.class);
      assertEquals(authentik.url() + "/api/v3", client.baseUrl());
      assertEquals(0, client.oauth2().oauth2RefreshTokensList().execute().getResults().size());
    });
  }

  @Test
  void withoutAUrlThereIsNoClient() {
    runner.run(context -> assertTrue(context.getBeansOfType(AuthentikClient.class).isEmpty()));
  }

  @Test
  void settingsBindByName() {
    configured().withPropertyValues("authentik.max-retries=0", "authentik.call-timeout=5s",
        "authentik.retry-base-delay=1ms").run(context -> {
          authentik.inject(Fault.serviceUnavailable().times(2));
          AuthentikClient client = context.getBean(AuthentikClient.class);
          assertThrows(ServerException.class, () -> client.oauth2().oauth2RefreshTokensList().execute());
          assertEquals(1, authentik.requests().size()); // max-retries=0: no second attempt
        });
  }

  @Test
  void aPinnedReleaseIsNeverAsked() {
    configured().withPropertyValues("authentik.release=2024.6.3").run(context -> {
      AuthentikClient client = context.getBean(AuthentikClient.class);
      assertEquals("2024.6.3", client.serverRelease().toString());
      // coreApplicationEntitlementsList came with 2024.12: certainly absent, refused before sending
      assertThrows(io.goauthentik.client.UnsupportedByServerException.class,
          () -> client.core().coreApplicationEntitlementsList().execute());
      assertEquals(0, authentik.requests().size());
    });
  }

  @Test
  void anApplicationsOwnClientWins() {
    AuthentikClient own = authentik.clientBuilder().build();
    configured().withBean("myClient", AuthentikClient.class, () -> own).run(context -> {
      assertSame(own, context.getBean(AuthentikClient.class));
    });
    own.close();
  }

  @Test
  void theClientIsClosedWithTheContext() {
    AuthentikClient[] seen = new AuthentikClient[1];
    configured().run(context -> seen[0] = context.getBean(AuthentikClient.class));
    assertThrows(IllegalStateException.class, () -> seen[0].oauth2().oauth2RefreshTokensList().execute());
  }

  @Test
  void theApplicationsOkHttpClientCarriesTheCalls() {
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
      seen.add(chain.request().url().encodedPath());
      return chain.proceed(chain.request());
    }).build();
    configured().withBean(OkHttpClient.class, () -> http).run(context -> {
      context.getBean(AuthentikClient.class).oauth2().oauth2RefreshTokensList().execute();
      assertEquals(List.of("/api/v3/oauth2/refresh_tokens/"), seen);
    });
  }

  @Test
  void aMeterRegistryBeanGetsTheClientsMetrics() {
    configured().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertEquals(1, context.getBeansOfType(MicrometerObserver.class).size());
      context.getBean(AuthentikClient.class).oauth2().oauth2RefreshTokensList().execute();
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertEquals(1, registry.get("authentik.client.requests").tag("operation", "oauth2_refresh_tokens_list")
          .tag("status", "200").timer().count());
    });
  }

  @Test
  void withoutAMeterRegistryThereIsNoMetricsObserver() {
    configured().run(context -> assertTrue(context.getBeansOfType(MicrometerObserver.class).isEmpty()));
  }

  @Test
  void everyObserverBeanSeesTheCalls() {
    List<String> seen = new CopyOnWriteArrayList<>();
    CallObserver mine = (call, headers) -> outcome -> seen.add(call.operation() + " " + outcome.status());
    configured().withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(CallObserver.class, () -> mine)
        .run(context -> {
          context.getBean(AuthentikClient.class).oauth2().oauth2RefreshTokensList().execute();
          assertEquals(List.of("oauth2_refresh_tokens_list 200"), seen);
          assertEquals(1, context.getBean(MeterRegistry.class).get("authentik.client.requests").timer().count());
        });
  }

  @Test
  void theTokenIsNeverShownByTheProperties() {
    configured().run(context -> assertFalse(context.getBean(AuthentikProperties.class).toString()
        .contains(authentik.token())));
  }

  @Test
  void theHealthIndicatorIsThereAndCanBeTurnedOff() {
    configured().run(context -> assertTrue(context.containsBean("authentikHealthIndicator")));
    configured().withPropertyValues("management.health.authentik.enabled=false")
        .run(context -> assertFalse(context.containsBean("authentikHealthIndicator")));
    runner.run(context -> assertFalse(context.containsBean("authentikHealthIndicator")));
  }
}
