package io.goauthentik.client.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A way for a {@link FakeAuthentik} to misbehave on purpose, for the next request or the next few
 * ({@link #times}), optionally only those of one method and path ({@link #on}). Hand it to
 * {@link FakeAuthentik#inject(Fault)}:
 *
 * <pre>{@code
 * fake.inject(Fault.tooManyRequests(Duration.ZERO));                    // the next request: 429
 * fake.inject(Fault.disconnect().times(2));                             // the next two: no answer at all
 * fake.inject(Fault.htmlErrorPage(502).on("DELETE", "/api/v3/oauth2/**").always()); // every DELETE: 502
 * }</pre>
 *
 * <p>A request takes the first injected fault that matches it and still has uses left; the others
 * wait for later requests. Faults act before the fake looks at the request (as a proxy in front of
 * authentik would), except {@link #delay} and {@link #unknownFieldsAndValues()}, which change the
 * fake's own answer. Immutable: each method returns a new fault.
 */
public final class Fault {
  enum Kind { RESPOND, DELAY, DISCONNECT, UNKNOWN_VALUES }

  final Kind kind;
  final Answer answer;
  final Duration delay;
  /** Null for any method. */
  final String method;
  /** Null for any path. */
  final String path;
  private final Pattern pathPattern;
  /** How many requests it applies to; -1 for every one. */
  final int times;

  private Fault(Kind kind, Answer answer, Duration delay, String method, String path, int times) {
    this.kind = kind;
    this.answer = answer;
    this.delay = delay;
    this.method = method;
    this.path = path;
    this.pathPattern = path == null ? null : glob(path);
    this.times = times;
  }

  private static Fault of(Kind kind, Answer answer, Duration delay) {
    return new Fault(kind, answer, delay, null, null, 1);
  }

  /**
   * 429 Too Many Requests, as authentik's throttling (Django REST framework's) answers: a
   * {@code Retry-After} header in whole seconds and {@code {"detail": "Request was throttled.
   * Expected available in N seconds."}}.
   *
   * @param retryAfter the wait to ask for, rounded up to seconds; {@link Duration#ZERO} to allow a retry at once
   * @return the fault
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    long seconds = seconds(retryAfter);
    return of(Kind.RESPOND, new Answer(429, "application/json",
        "{\"detail\":\"Request was throttled. Expected available in " + seconds + " second" + (seconds == 1 ? "" : "s")
            + ".\"}", Map.of("Retry-After", Long.toString(seconds))), null);
  }

  /**
   * 503 Service Unavailable as a reverse proxy sends it while authentik restarts: an HTML page,
   * no {@code Retry-After}.
   *
   * @return the fault
   */
  public static Fault serviceUnavailable() {
    return htmlErrorPage(503);
  }

  /**
   * 503 Service Unavailable with a {@code Retry-After} header, as a proxy in maintenance mode sends it.
   *
   * @param retryAfter the wait to ask for, rounded up to seconds
   * @return the fault
   */
  public static Fault serviceUnavailable(Duration retryAfter) {
    return of(Kind.RESPOND, new Answer(503, "text/html", page(503),
        Map.of("Retry-After", Long.toString(seconds(retryAfter)))), null);
  }

  /**
   * An error page in HTML, as nginx in front of authentik sends it: for example 502 Bad Gateway
   * while authentik is down, 504 Gateway Timeout, or 500 from a crashed worker.
   *
   * @param status an HTTP status from 400 to 599
   * @return the fault
   */
  public static Fault htmlErrorPage(int status) {
    requireErrorStatus(status);
    return of(Kind.RESPOND, new Answer(status, "text/html", page(status), Map.of()), null);
  }

  /**
   * Any answer you write: a status, a {@code Content-Type} and a body.
   *
   * @param status an HTTP status from 200 to 599 (not 204 or 304, which have no body)
   * @param contentType such as {@code application/json}
   * @param body the body, sent as UTF-8
   * @return the fault
   */
  public static Fault respond(int status, String contentType, String body) {
    if (status < 200 || status > 599 || status == 204 || status == 304) {
      throw new IllegalArgumentException("status must be 200 to 599 and carry a body (not 204 or 304), was " + status);
    }
    return of(Kind.RESPOND, new Answer(status, Objects.requireNonNull(contentType, "contentType"),
        Objects.requireNonNull(body, "body"), Map.of()), null);
  }

  /**
   * A slow answer: the fake waits this long before it answers as usual. Closing the fake ends the wait.
   *
   * @param delay how long; longer than a client's read timeout makes it time out
   * @return the fault
   */
  public static Fault delay(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return of(Kind.DELAY, null, delay);
  }

  /**
   * A dropped connection: the fake reads the request and closes the connection without a byte of
   * answer, as a proxy or load balancer does when its upstream dies.
   *
   * @return the fault
   */
  public static Fault disconnect() {
    return of(Kind.DISCONNECT, null, null);
  }

  /**
   * The fake's usual answer, as a later authentik release might send it: every JSON object gains a
   * property no release has ({@code added_in_a_later_release}, an object), and every enum value
   * ({@code client_type}, {@code sub_mode}, {@code issuer_mode}, {@code logout_method},
   * {@code matching_mode}, the user's {@code type}, used_by's {@code action}, ...) becomes
   * {@value UnknownValues#UNKNOWN_VALUE}. Errors are left as they are.
   *
   * @return the fault
   */
  public static Fault unknownFieldsAndValues() {
    return of(Kind.UNKNOWN_VALUES, null, null);
  }

  /**
   * Only for requests of this method and path.
   *
   * @param method such as {@code GET} or {@code DELETE}; {@code *} for any
   * @param path the request's path without the query, such as {@code /api/v3/oauth2/refresh_tokens/}:
   *     {@code *} stands for any characters but {@code /}, {@code **} for any characters
   * @return a fault like this one that applies to those requests only
   */
  public Fault on(String method, String path) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    return new Fault(kind, answer, delay, method.equals("*") ? null : method.toUpperCase(Locale.ROOT), path, times);
  }

  /**
   * For this many matching requests; once by default.
   *
   * @param count at least 1
   * @return a fault like this one for {@code count} requests
   */
  public Fault times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    return new Fault(kind, answer, delay, method, path, count);
  }

  /**
   * For every matching request, until {@link FakeAuthentik#clearFaults()}.
   *
   * @return a fault like this one without a limit
   */
  public Fault always() {
    return new Fault(kind, answer, delay, method, path, -1);
  }

  boolean matches(String requestMethod, String requestPath) {
    return (method == null || method.equals(requestMethod))
        && (pathPattern == null || pathPattern.matcher(requestPath).matches());
  }

  /** Says what it does, to which requests, how often. */
  @Override
  public String toString() {
    String what;
    switch (kind) {
      case RESPOND:
        what = "respond " + answer.status + (answer.headers.isEmpty() ? "" : " " + answer.headers);
        break;
      case DELAY:
        what = "delay " + delay;
        break;
      case DISCONNECT:
        what = "disconnect";
        break;
      default:
        what = "unknownFieldsAndValues";
    }
    return "Fault{" + what + " on " + (method == null ? "*" : method) + " " + (path == null ? "**" : path) + ", "
        + (times < 0 ? "always" : times + "x") + "}";
  }

  private static long seconds(Duration wait) {
    if (Objects.requireNonNull(wait, "retryAfter").isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + wait);
    }
    return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
  }

  private static void requireErrorStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error page's status is 400 to 599, was " + status);
    }
  }

  /** nginx's own error page. */
  private static String page(int status) {
    String title = status + " " + reason(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  private static String reason(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 408: return "Request Time-out";
      case 413: return "Request Entity Too Large";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Temporarily Unavailable";
      case 504: return "Gateway Time-out";
      default: return status < 500 ? "Client Error" : "Server Error";
    }
  }

  private static Pattern glob(String path) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      if (path.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (path.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else {
        int next = path.indexOf('*', i);
        int end = next < 0 ? path.length() : next;
        regex.append(Pattern.quote(path.substring(i, end)));
        i = end;
      }
    }
    return Pattern.compile(regex.toString());
  }
}
