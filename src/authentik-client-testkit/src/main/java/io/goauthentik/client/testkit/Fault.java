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
 * <p>Which fault a request takes: of the faults that match it, the first injected that has a count
 * ({@link #times}, once by default) and uses left; when none has, the {@link #always()} fault
 * injected last. So a fault for the next request fires even when an {@code always()} one is in
 * place, and a later {@code always()} replaces an earlier one for the requests both match. Faults act before the fake looks at the request (as a proxy in front of
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
  /** The query parameters a request must have, decoded; {@code *} for any value. Empty for any query. */
  private final Map<String, String> queryParameters;
  /** How many requests it applies to; -1 for every one. */
  final int times;

  private Fault(Kind kind, Answer answer, Duration delay, String method, String path, int times) {
    this.kind = kind;
    this.answer = answer;
    this.delay = delay;
    this.method = method;
    this.path = path;
    int question = path == null ? -1 : path.indexOf('?');
    this.pathPattern = path == null ? null : glob(question < 0 ? path : path.substring(0, question));
    this.queryParameters = question < 0 ? Map.of() : parameters(path.substring(question + 1));
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
   * Only for requests of this method and path, and optionally query.
   *
   * @param method such as {@code GET} or {@code DELETE}; {@code *} for any
   * @param path the request's path, such as {@code /api/v3/oauth2/refresh_tokens/}: {@code *} stands
   *     for any characters but {@code /}, {@code **} for any characters. A query after {@code ?}, such
   *     as {@code /api/v3/core/users/?username=jdoe}, makes the fault apply only to requests whose
   *     query has each of those parameters with that value (decoded, in any order, among others;
   *     {@code name=*} for any value)
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

  boolean matches(String requestMethod, String requestPath, String requestQuery) {
    if (method != null && !method.equals(requestMethod)
        || pathPattern != null && !pathPattern.matcher(requestPath).matches()) {
      return false;
    }
    if (queryParameters.isEmpty()) {
      return true;
    }
    Map<String, String> sent = parameters(requestQuery == null ? "" : requestQuery);
    for (Map.Entry<String, String> wanted : queryParameters.entrySet()) {
      String value = sent.get(wanted.getKey());
      if (value == null || !wanted.getValue().equals("*") && !wanted.getValue().equals(value)) {
        return false;
      }
    }
    return true;
  }

  /** Whether it applies until cleared. */
  boolean isAlways() {
    return times < 0;
  }

  /** Each parameter's last value, decoded, as authentik reads them. */
  private static Map<String, String> parameters(String query) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int equals = pair.indexOf('=');
        out.put(java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8),
            equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return out;
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
