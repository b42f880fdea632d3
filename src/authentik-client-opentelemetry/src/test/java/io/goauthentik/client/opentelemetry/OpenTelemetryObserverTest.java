package io.goauthentik.client.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.TransportException;
import io.goauthentik.client.testkit.Fault;
import io.goauthentik.client.testkit.FakeAuthentik;
import io.goauthentik.client.testkit.ReceivedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans a service exports after calls through a client observed by {@link OpenTelemetryObserver}. */
class OpenTelemetryObserverTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  private final FakeAuthentik authentik = FakeAuthentik.start();
  private final AuthentikClient client = authentik.clientBuilder().retryBaseDelay(Duration.ofMillis(1))
      .observer(OpenTelemetryObserver.create(otel)).build();

  @AfterEach
  void close() {
    client.close();
    authentik.close();
    otel.close();
  }

  @Test
  void aCallIsOneClientSpanNamedByMethodAndPathTemplateWithTheHttpAttributes() {
    int token = authentik.addRefreshToken(authentik.addUser("jdoe"), authentik.addProvider("app"));

    client.oauth2().oauth2RefreshTokensRetrieve(token);

    SpanData span = onlySpan();
    assertEquals("GET /oauth2/refresh_tokens/{id}/", span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals("GET", attr(span, "http.request.method"));
    assertEquals("/api/v3/oauth2/refresh_tokens/{id}/", attr(span, "url.template"));
    assertEquals("oauth2_refresh_tokens_retrieve", attr(span, "authentik.operation"));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(java.net.URI.create(authentik.url()).getPort(),
        span.getAttributes().get(AttributeKey.longKey("server.port")).intValue());
    assertEquals(java.net.URI.create(authentik.url()).getHost(), attr(span, "server.address"));
    assertNull(attr(span, "error.type"));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void theSpanIsAChildOfTheCurrentSpanAndItsContextGoesOutAsTraceparent() {
    Tracer tracer = otel.getTracer("test");
    Span parent = tracer.spanBuilder("handle request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      client.oauth2().oauth2RefreshTokensList().execute();
    } finally {
      parent.end();
    }

    SpanData call = exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT)
        .findFirst().orElseThrow();
    assertEquals(parent.getSpanContext().getSpanId(), call.getParentSpanId());
    ReceivedRequest sent = authentik.requests().get(0);
    assertEquals("00-" + call.getTraceId() + "-" + call.getSpanId() + "-01", sent.header("traceparent").orElseThrow());
  }

  @Test
  void retriesAreEventsOnTheOneSpanAndTheResendCountIsSet() {
    authentik.inject(Fault.serviceUnavailable().times(2));

    client.oauth2().oauth2RefreshTokensList().execute();

    SpanData span = onlySpan();
    List<EventData> events = span.getEvents();
    assertEquals(2, events.size());
    assertEquals("authentik.retry", events.get(0).getName());
    assertEquals(503L, events.get(0).getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(1L, events.get(0).getAttributes().get(AttributeKey.longKey("authentik.attempt")));
    assertEquals(2L, span.getAttributes().get(AttributeKey.longKey("http.request.resend_count")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    // every attempt carried the same context
    List<ReceivedRequest> sent = authentik.requests();
    assertEquals(3, sent.size());
    assertEquals(1, sent.stream().map(r -> r.header("traceparent").orElseThrow()).distinct().count());
  }

  @Test
  void anHttpErrorIsAnErrorSpanWithTheStatusAsErrorTypeAndNoIdAnywhere() {
    assertThrows(NotFoundException.class, () -> client.oauth2().oauth2RefreshTokensRetrieve(987654));

    SpanData span = onlySpan();
    assertEquals("404", attr(span, "error.type"));
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertFalse(span.toString().contains("987654"), span::toString);
    assertFalse(span.toString().contains(authentik.token()), span::toString);
  }

  @Test
  void aTransportFailureIsAnErrorSpanTypedByTheExceptionClass() {
    authentik.inject(Fault.disconnect().always());

    assertThrows(TransportException.class, () -> client.newBuilder().maxRetries(0).build().oauth2()
        .oauth2RefreshTokensList().execute());

    SpanData span = onlySpan();
    assertEquals(TransportException.class.getName(), attr(span, "error.type"));
    assertNull(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertTrue(span.getStatus().getDescription().isEmpty());
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans::toString);
    return spans.get(0);
  }

  private static String attr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
