package io.goauthentik.client.model;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * A request body: {@code UserRequest}, {@code PatchedUserRequest} and every other {@code ...Request}
 * model, made with its {@code builder()}. Immutable; the SDK writes it as JSON when it sends it.
 */
public interface RequestModel {
  /**
   * Writes this value as one JSON object holding exactly the properties whose setters were called,
   * a property set to {@code null} as {@code null}.
   *
   * @param out where to write; it must serialize nulls ({@link JsonWriter#setSerializeNulls})
   * @throws IOException when {@code out} fails
   * @throws IllegalArgumentException when a value cannot be sent, such as an enum's {@code UNKNOWN}
   */
  void writeTo(JsonWriter out) throws IOException;
}
