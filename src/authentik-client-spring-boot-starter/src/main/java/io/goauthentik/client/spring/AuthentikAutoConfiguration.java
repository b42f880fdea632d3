package io.goauthentik.client.spring;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.micrometer.MicrometerObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An {@link AuthentikClient} bean built from {@link AuthentikProperties} when {@code authentik.url}
 * is set (unless the application defines its own), closed with the context. It sends through the
 * application's {@link OkHttpClient} bean when there is exactly one, and reports its calls to every
 * {@link CallObserver} bean: the starter adds a {@link MicrometerObserver} when the application has
 * a {@link MeterRegistry}. With Spring Boot Actuator, {@link AuthentikHealthAutoConfiguration} adds
 * the health indicator {@code authentik}.
 */
@AutoConfiguration(afterName = {
    // Spring Boot 3.5 and 4.0 make the MeterRegistry bean in these; the observer needs it first.
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(AuthentikClient.class)
@EnableConfigurationProperties(AuthentikProperties.class)
public class AuthentikAutoConfiguration {
  /** Made by Spring. */
  public AuthentikAutoConfiguration() {
  }

  /**
   * The client.
   *
   * @param properties {@code authentik.*}
   * @param http the application's OkHttp client, if it has exactly one
   * @param observers every observer bean, in their order
   * @return the client; Spring closes it with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "authentik", name = "url")
  public AuthentikClient authentikClient(AuthentikProperties properties, ObjectProvider<OkHttpClient> http,
      ObjectProvider<CallObserver> observers) {
    AuthentikClient.Builder builder = AuthentikClient.builder()
        .baseUrl(properties.getUrl())
        .token(properties.getToken())
        .httpLogging(properties.isHttpLogging())
        .release(properties.getRelease());
    http.ifUnique(builder::httpClient);
    if (properties.getCallTimeout() != null) {
      builder.callTimeout(properties.getCallTimeout());
    }
    if (properties.getConnectTimeout() != null) {
      builder.connectTimeout(properties.getConnectTimeout());
    }
    if (properties.getReadTimeout() != null) {
      builder.readTimeout(properties.getReadTimeout());
    }
    if (properties.getMaxRetries() != null) {
      builder.maxRetries(properties.getMaxRetries());
    }
    if (properties.getRetryBaseDelay() != null) {
      builder.retryBaseDelay(properties.getRetryBaseDelay());
    }
    if (properties.getRetryMaxDelay() != null) {
      builder.retryMaxDelay(properties.getRetryMaxDelay());
    }
    List<CallObserver> all = observers.orderedStream().collect(Collectors.toList());
    if (!all.isEmpty()) {
      builder.observer(all.size() == 1 ? all.get(0) : new Observers(all));
    }
    return builder.build();
  }

  /** Metrics of every call when the application has a {@link MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, MicrometerObserver.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    MicrometerObserver authentikMicrometerObserver(MeterRegistry registry) {
      return MicrometerObserver.create(registry);
    }
  }
}
