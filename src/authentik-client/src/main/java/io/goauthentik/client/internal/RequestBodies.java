package io.goauthentik.client.internal;

import com.google.gson.stream.JsonWriter;
import io.goauthentik.client.model.RequestModel;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What generated request models call: their builders' checks and copies, and the writing of their
 * properties as JSON.
 */
public final class RequestBodies {
  /** Deeper than this, no server parses a body (authentik's JSON parser stops at Python's 1000 frames). */
  private static final int MAX_DEPTH = 1000;

  private RequestBodies() {
  }

  /**
   * Writes a value of a request model's property: a string, number, boolean, UUID, date-time, enum
   * (its wire value), request model, list or map of these, or {@code null}.
   *
   * @throws IllegalArgumentException for an enum's {@code UNKNOWN}, which has no wire value, or a
   *     value of another type
   */
  public static void write(JsonWriter out, Object value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof String) {
      out.value((String) value);
    } else if (value instanceof Boolean) {
      out.value((Boolean) value);
    } else if (value instanceof Number) {
      out.value((Number) value);
    } else if (value instanceof RequestModel) {
      ((RequestModel) value).writeTo(out);
    } else if (value instanceof Enum || value instanceof UUID || value instanceof OffsetDateTime) {
      out.value(WireText.of(value));
    } else if (value instanceof Map) {
      out.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.name(String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.endObject();
    } else if (value instanceof Iterable) {
      out.beginArray();
      for (Object item : (Iterable<?>) value) {
        write(out, item);
      }
      out.endArray();
    } else {
      throw new IllegalArgumentException("A " + value.getClass().getName() + " cannot be sent as JSON");
    }
  }

  /**
   * A request model's builder's check that a required property was set.
   *
   * @param present the bits of the properties set
   * @param bit the property's bit
   * @throws IllegalArgumentException naming the property when it was not set
   */
  public static void requireSet(long present, int bit, String model, String property, String setter) {
    if ((present & 1L << bit) == 0) {
      throw new IllegalArgumentException(model + ": " + property + " is required; set it with " + setter + "(...)");
    }
  }

  /**
   * What a request model's builder keeps of a list or map it is given: an unmodifiable copy, at any
   * depth, so that changing the caller's collection later does not change the request.
   *
   * @param property the property's name in the contract, for the message
   * @throws IllegalArgumentException naming {@code property} when the value contains itself (a map or
   *     list that holds itself, directly or deeper down), or is nested too deep to be sent as JSON
   */
  public static <T> T frozenCopy(String property, T value) {
    return frozenCopy(property, value, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T frozenCopy(String property, T value, Set<Object> enclosing) {
    if (!(value instanceof List) && !(value instanceof Map)) {
      return value;
    }
    // Only the chain of enclosing containers: the same map twice side by side is fine, inside itself it is not.
    if (!enclosing.add(value)) {
      throw new IllegalArgumentException(property + " contains itself (a map or list holding itself): it cannot be sent as JSON");
    }
    if (enclosing.size() > MAX_DEPTH) {
      throw new IllegalArgumentException(property + " is nested more than " + MAX_DEPTH + " levels deep: it cannot be sent as JSON");
    }
    T copy;
    if (value instanceof List) {
      List<Object> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        items.add(frozenCopy(property, item, enclosing));
      }
      copy = (T) Collections.unmodifiableList(items);
    } else {
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        entries.put(e.getKey(), frozenCopy(property, e.getValue(), enclosing));
      }
      copy = (T) Collections.unmodifiableMap(entries);
    }
    enclosing.remove(value);
    return copy;
  }
}
