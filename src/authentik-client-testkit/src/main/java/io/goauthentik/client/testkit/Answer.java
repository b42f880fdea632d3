package io.goauthentik.client.testkit;

import java.util.Map;

/** What the fake sends: a status, headers, and a body (JSON unless said otherwise), or none for 204. Immutable. */
final class Answer {
  final int status;
  final String contentType;
  final String body;
  final Map<String, String> headers;

  Answer(int status, String body) {
    this(status, "application/json", body, Map.of());
  }

  Answer(int status, String contentType, String body, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  boolean isJsonSuccess() {
    return status >= 200 && status < 300 && body != null && contentType.equals("application/json");
  }
}
