package io.goauthentik.client.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request a {@link FakeAuthentik} received, as it arrived (before any fault or answer): method,
 * path, query, headers and body, for assertions. Credentials are never kept: the value of
 * {@code Authorization} (and {@code Proxy-Authorization}, {@code Cookie}) is recorded as its scheme
 * followed by {@code ****}, such as {@code Bearer ****}. Immutable.
 */
public final class ReceivedRequest {
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
  private static final Set<String> SCHEMES = Set.of("bearer", "basic", "token", "digest");

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final String body;

  ReceivedRequest(String method, String path, String query, Map<String, List<String>> rawHeaders, String body) {
    this.method = method;
    this.body = body == null ? "" : body;
    this.path = path;
    this.query = query == null ? "" : query;
    Map<String, List<String>> kept = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : rawHeaders.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      List<String> values = new ArrayList<>();
      for (String value : header.getValue()) {
        values.add(SECRET_HEADERS.contains(name) ? redact(value) : value);
      }
      kept.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
    }
    kept.replaceAll((name, values) -> List.copyOf(values));
    this.headers = Collections.unmodifiableMap(kept);
  }

  /**
   * The request method.
   *
   * @return such as {@code GET} or {@code DELETE}
   */
  public String method() {
    return method;
  }

  /**
   * The path, as sent (percent-encoded), without the query.
   *
   * @return such as {@code /api/v3/oauth2/refresh_tokens/42/}
   */
  public String path() {
    return path;
  }

  /**
   * The query, as sent (percent-encoded).
   *
   * @return such as {@code page=2&page_size=100&user=7}; empty when there is none
   */
  public String query() {
    return query;
  }

  /**
   * One query parameter, decoded; of several with that name the last, as authentik reads them.
   *
   * @param name such as {@code page}
   * @return its value, or empty when the query has no such parameter
   */
  public Optional<String> queryParameter(String name) {
    String found = null;
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        if (key.equals(name)) {
          found = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Every header, by lower-case name, credentials redacted.
   *
   * @return an unmodifiable map, names in alphabetical order
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header, credentials redacted.
   *
   * @param name any case, such as {@code User-Agent}
   * @return the value, or empty when the request had no such header
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The request's body as text (UTF-8), as sent: what a test checks a write sent, such as
   * {@code {"is_active":false}}. It is kept as it arrived, secrets included (a password sent to
   * {@code set_password} is there); {@link #toString()} never shows it.
   *
   * @return the body; empty when the request had none
   */
  public String body() {
    return body;
  }

  /** Keeps a known scheme, such as {@code Bearer}; everything else becomes {@code ****}. */
  private static String redact(String value) {
    String trimmed = value.trim();
    int space = trimmed.indexOf(' ');
    String scheme = space < 0 ? "" : trimmed.substring(0, space);
    return SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) ? scheme + " ****" : "****";
  }

  /** Method, path and query, such as {@code GET /api/v3/oauth2/refresh_tokens/?user=7}. */
  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query);
  }
}
