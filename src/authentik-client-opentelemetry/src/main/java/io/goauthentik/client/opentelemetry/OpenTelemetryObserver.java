package io.goauthentik.client.opentelemetry;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.CallInfo;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.CallOutcome;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Traces every call of an {@code AuthentikClient} with OpenTelemetry: one span of kind CLIENT per
 * call, a child of the span current on the calling thread, named {@code {method} {path template}}
 * ({@code GET /core/users/{id}/}), with OpenTelemetry's stable HTTP client attributes
 * ({@code http.request.method}, {@code url.template}, {@code server.address}, {@code server.port},
 * {@code http.response.status_code}, {@code error.type}, {@code http.request.resend_count}) and
 * {@code authentik.operation}; its context goes out with the request ({@code traceparent} with the
 * default W3C propagator).
 *
 * <p>A call is one span however many attempts it takes: each retry is an event
 * {@code authentik.retry} on it (the failed attempt's number, status or error type, and the wait),
 * and {@code http.request.resend_count} says how many attempts were sent again. One span per
 * call, not per attempt, because the call is what the application asked for and what its latency
 * is; and because the trace context is added to the request once, when the call starts, so every
 * attempt carries the call's span as its parent.
 *
 * <p>Nothing secret goes into a span: no URL (only the path template), no id, no query value, no
 * header, no body, no message of an exception (only its class).
 */
public final class OpenTelemetryObserver implements CallObserver {
  /** The instrumentation scope the spans are made under. */
  public static final String INSTRUMENTATION_NAME = "io.goauthentik.client";

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("authentik.operation");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("authentik.attempt");
  static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("authentik.retry.wait_ms");

  private static final TextMapSetter<BiConsumer<String, String>> SETTER =
      (headers, name, value) -> headers.accept(name, value);

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private OpenTelemetryObserver(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    String version = AuthentikClient.USER_AGENT.substring(AuthentikClient.USER_AGENT.indexOf('/') + 1);
    this.tracer = openTelemetry.tracerBuilder(INSTRUMENTATION_NAME).setInstrumentationVersion(version).build();
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /**
   * An observer making spans with {@code openTelemetry}'s tracer and propagating its context.
   *
   * @param openTelemetry the application's OpenTelemetry (such as {@code GlobalOpenTelemetry.get()})
   * @return the observer, for {@code AuthentikClient.Builder#observer}
   */
  public static OpenTelemetryObserver create(OpenTelemetry openTelemetry) {
    return new OpenTelemetryObserver(openTelemetry);
  }

  @Override
  public Observation onStart(CallInfo call, BiConsumer<String, String> headers) {
    Context parent = Context.current();
    Span span = tracer.spanBuilder(call.method() + " " + call.pathTemplate())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parent)
        .setAttribute(METHOD, call.method())
        .setAttribute(URL_TEMPLATE, call.apiPath() + call.pathTemplate())
        .setAttribute(SERVER_ADDRESS, call.serverAddress())
        .setAttribute(SERVER_PORT, (long) call.serverPort())
        .setAttribute(OPERATION, call.operation())
        .startSpan();
    propagator.inject(parent.with(span), headers, SETTER);
    return new Observation() {
      @Override
      public void onRetry(CallOutcome failedAttempt, Duration wait) {
        AttributesBuilder event = Attributes.builder()
            .put(ATTEMPT, failedAttempt.attempts())
            .put(WAIT_MS, wait.toMillis());
        if (failedAttempt.status() > 0) {
          event.put(STATUS_CODE, failedAttempt.status());
        }
        String error = errorType(failedAttempt);
        if (error != null) {
          event.put(ERROR_TYPE, error);
        }
        span.addEvent("authentik.retry", event.build());
      }

      @Override
      public void onEnd(CallOutcome outcome) {
        if (outcome.status() > 0) {
          span.setAttribute(STATUS_CODE, outcome.status());
        }
        if (outcome.attempts() > 1) {
          span.setAttribute(RESEND_COUNT, outcome.attempts() - 1);
        }
        String error = errorType(outcome);
        if (error != null) {
          span.setAttribute(ERROR_TYPE, error);
          span.setStatus(StatusCode.ERROR); // no description: an exception's message could quote anything
        }
        span.end();
      }
    };
  }

  /**
   * OpenTelemetry's {@code error.type}: the status code for an HTTP error (4xx and 5xx count for a
   * client), else the class of what was thrown; null for a success.
   */
  static String errorType(CallOutcome outcome) {
    if (outcome.status() >= 400) {
      return Integer.toString(outcome.status());
    }
    if (outcome.error() != null) {
      return outcome.error().getClass().getName();
    }
    return null;
  }

  @Override
  public String toString() {
    return "OpenTelemetryObserver";
  }
}
