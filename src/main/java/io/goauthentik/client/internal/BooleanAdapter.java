package io.goauthentik.client.internal;

import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Reads {@code true} and {@code false}, also as strings. Gson's own adapter reads every other string
 * as {@code false}, so {@code "revoked": "yes"} would pass for a token that is not revoked; here it
 * is a malformed body.
 */
final class BooleanAdapter extends TypeAdapter<Boolean> {

  @Override
  public Boolean read(JsonReader in) throws IOException {
    if (in.peek() != JsonToken.STRING) {
      return in.nextBoolean(); // a boolean, or IllegalStateException for any other token
    }
    String text = in.nextString();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw new JsonParseException("Not a boolean at " + in.getPath()); // never quotes the value
  }

  @Override
  public void write(JsonWriter out, Boolean value) throws IOException {
    out.value(value);
  }
}
