package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What every model builder of {@link TestModels} does: it keeps the model as the JSON a server
 * would send, with realistic defaults, and {@link #build()} reads that JSON with the model's own
 * {@code fromJson}, exactly as the SDK reads a response. So a built model is a real SDK instance,
 * and the models need no public constructor. Typed setters cover the usual properties;
 * {@link #set} and {@link #remove} reach any other, as a server of another release would send it.
 * Not thread-safe.
 *
 * @param <T> the model built
 * @param <B> the builder itself, for chaining
 */
public abstract class ModelBuilder<T, B extends ModelBuilder<T, B>> {
  final JsonObject json = new JsonObject();
  /** Properties a test set itself: defaults derived from others (a name from the username) leave them alone. */
  private final Set<String> explicit = new HashSet<>();

  ModelBuilder() {
  }

  /**
   * Sets any property to a JSON value, as the server would send it.
   *
   * @param property the property's JSON name, such as {@code client_type}
   * @param value {@code null} (JSON null), a String, Number, Boolean, UUID, OffsetDateTime, another
   *     builder (its JSON), or a Collection of those
   * @return this builder
   * @throws IllegalArgumentException for a value of another type
   */
  public final B set(String property, Object value) {
    json.add(Objects.requireNonNull(property, "property"), toJsonValue(value));
    explicit.add(property);
    return self();
  }

  /**
   * Leaves a property out, as a server of a release without it does.
   *
   * @param property the property's JSON name, such as {@code last_updated}
   * @return this builder
   */
  public final B remove(String property) {
    json.remove(Objects.requireNonNull(property, "property"));
    explicit.add(property);
    return self();
  }

  /**
   * The model as JSON, as a server would send it (for a MockWebServer script, say).
   *
   * @return the JSON text, compact
   */
  public final String toJson() {
    return Json.COMPACT.toJson(json());
  }

  /**
   * The model, read from {@link #toJson()} by its {@code fromJson}.
   *
   * @return a new instance; equal to any other built from the same JSON
   * @throws IllegalArgumentException when a value set by {@link #set} does not fit its property
   */
  public final T build() {
    try (JsonReader in = new JsonReader(new StringReader(toJson()))) {
      return read(in);
    } catch (IOException | RuntimeException e) { // Gson's readers also throw NumberFormatException, IllegalStateException
      // The message names no value (one could be a secret the test set); the cause says where and what.
      throw new IllegalArgumentException("the JSON of " + getClass().getSimpleName() + " does not read as the model:"
          + " a value given to set(...) does not fit its property", e);
    }
  }

  /** The JSON to send; builders with derived values (is_expired, id_token) compute them here. */
  JsonObject json() {
    return json;
  }

  abstract T read(JsonReader in) throws IOException;

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** A typed setter's write: like {@link #set}, but a derived default may still replace it. */
  final B put(String property, JsonElement value) {
    json.add(property, value);
    explicit.add(property);
    return self();
  }

  /** Writes a derived default unless the test set the property itself. */
  final void derive(String property, JsonElement value) {
    if (!explicit.contains(property)) {
      json.add(property, value);
    }
  }

  final boolean isSet(String property) {
    return explicit.contains(property);
  }

  static JsonElement toJsonValue(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    } else if (value instanceof String) {
      return new JsonPrimitive((String) value);
    } else if (value instanceof Number) {
      return new JsonPrimitive((Number) value);
    } else if (value instanceof Boolean) {
      return new JsonPrimitive((Boolean) value);
    } else if (value instanceof UUID) {
      return new JsonPrimitive(value.toString());
    } else if (value instanceof OffsetDateTime) {
      return new JsonPrimitive(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value));
    } else if (value instanceof ModelBuilder) {
      return ((ModelBuilder<?, ?>) value).json().deepCopy();
    } else if (value instanceof Collection) {
      JsonArray array = new JsonArray();
      for (Object item : (Collection<?>) value) {
        array.add(toJsonValue(item));
      }
      return array;
    }
    throw new IllegalArgumentException("a JSON value is null, a String, Number, Boolean, UUID, OffsetDateTime, a "
        + "builder or a Collection of those, not a " + value.getClass().getName());
  }

  static JsonArray jsonOf(List<? extends ModelBuilder<?, ?>> builders) {
    JsonArray array = new JsonArray();
    builders.forEach(builder -> array.add(builder.json().deepCopy()));
    return array;
  }
}
