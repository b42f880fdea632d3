package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import java.io.IOException;

/**
 * Reads one value: what generated {@code fromJson} methods and item readers are.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface ValueReader<T> {
  /**
   * Reads the next value.
   *
   * @param in the stream, positioned at the value
   * @return the value, or {@code null} for JSON null
   * @throws IOException when the stream is not the JSON expected
   */
  T read(JsonReader in) throws IOException;
}
