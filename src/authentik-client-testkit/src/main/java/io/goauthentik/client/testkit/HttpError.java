package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** An answer other than 2xx and its JSON body, thrown where it is found and sent by {@link Router}. */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final transient JsonObject body;

  private HttpError(int status, JsonObject body, String message) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  /** {@code {"detail": "..."}}, the body of authentik's 403, 404 and 405. */
  static HttpError detail(int status, String detail) {
    JsonObject body = new JsonObject();
    body.addProperty("detail", detail);
    return new HttpError(status, body, status + " " + detail);
  }

  /** A 400 with DRF's field errors: {@code {"field": ["message"], ...}}. */
  static HttpError validation(JsonObject fieldErrors) {
    return new HttpError(400, fieldErrors, "400 " + fieldErrors.keySet());
  }

  /** Adds {@code message} to the errors of {@code field}. */
  static void addFieldError(JsonObject fieldErrors, String field, String message) {
    JsonArray messages = fieldErrors.has(field) ? fieldErrors.getAsJsonArray(field) : new JsonArray();
    messages.add(message);
    fieldErrors.add(field, messages);
  }
}
