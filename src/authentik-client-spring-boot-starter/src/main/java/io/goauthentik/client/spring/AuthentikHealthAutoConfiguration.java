package io.goauthentik.client.spring;

import io.goauthentik.client.AuthentikClient;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicator {@code authentik} (bean {@code authentikHealthIndicator}), in the type of the
 * Spring Boot that runs: Spring Boot 3 looks for {@code org.springframework.boot.actuate.health},
 * Spring Boot 4 for {@code org.springframework.boot.health.contributor}. Each is conditional on its
 * own class, so the other is never loaded. Off with {@code management.health.authentik.enabled=false}.
 */
@AutoConfiguration(after = AuthentikAutoConfiguration.class) // its client bean must be known first
public class AuthentikHealthAutoConfiguration {
  /** Made by Spring. */
  public AuthentikHealthAutoConfiguration() {
  }

  /** Spring Boot 3.x (spring-boot-actuator). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnBean(AuthentikClient.class)
  @ConditionalOnProperty(prefix = "management.health.authentik", name = "enabled", matchIfMissing = true)
  static class SpringBoot3 {
    @Bean
    @ConditionalOnMissingBean(name = "authentikHealthIndicator")
    org.springframework.boot.actuate.health.HealthIndicator authentikHealthIndicator(AuthentikClient client) {
      AuthentikHealth health = new AuthentikHealth(client);
      return () -> {
        Map<String, Object> details = AuthentikHealth.newDetails();
        boolean up = health.check(details);
        return (up ? org.springframework.boot.actuate.health.Health.up()
            : org.springframework.boot.actuate.health.Health.down()).withDetails(details).build();
      };
    }
  }

  /** Spring Boot 4.x (spring-boot-health). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBean(AuthentikClient.class)
  @ConditionalOnProperty(prefix = "management.health.authentik", name = "enabled", matchIfMissing = true)
  static class SpringBoot4 {
    @Bean
    @ConditionalOnMissingBean(name = "authentikHealthIndicator")
    org.springframework.boot.health.contributor.HealthIndicator authentikHealthIndicator(AuthentikClient client) {
      AuthentikHealth health = new AuthentikHealth(client);
      return () -> {
        Map<String, Object> details = AuthentikHealth.newDetails();
        boolean up = health.check(details);
        return (up ? org.springframework.boot.health.contributor.Health.up()
            : org.springframework.boot.health.contributor.Health.down()).withDetails(details).build();
      };
    }
  }
}
