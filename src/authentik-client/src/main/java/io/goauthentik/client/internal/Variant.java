package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/**
 * One variant of a {@code oneOf}, read whole so that its discriminator can pick the model to read
 * it as, wherever in the object the discriminator comes.
 */
public final class Variant {
  private final String discriminator;
  private final Map<String, Object> properties;

  private Variant(String discriminator, Map<String, Object> properties) {
    this.discriminator = discriminator;
    this.properties = properties;
  }

  /**
   * Reads one variant of a {@code oneOf} whose discriminator is the property {@code discriminator}.
   *
   * @return the variant, or {@code null} for JSON null
   */
  public static Variant read(JsonReader in, String discriminator) throws IOException {
    Map<String, Object> properties = FreeForm.readFreeForm(in);
    if (properties == null) {
      return null;
    }
    Object value = properties.get(discriminator);
    return new Variant(value instanceof String ? (String) value : null, properties);
  }

  /** The discriminator's value; {@code null} when it is missing or not a string. */
  public String discriminator() {
    return discriminator;
  }

  /** The variant as JSON again, for the reader of the model the discriminator names. */
  public JsonReader reader() throws IOException {
    StringWriter text = new StringWriter();
    try (JsonWriter out = new JsonWriter(text)) {
      out.setSerializeNulls(true);
      RequestBodies.write(out, properties);
    }
    return new JsonReader(new StringReader(text.toString()));
  }

  /** Every property as sent: maps, lists, strings, numbers, booleans, as {@link FreeForm} keeps them. */
  public Map<String, Object> properties() {
    return properties;
  }
}
