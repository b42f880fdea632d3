package io.goauthentik.client.internal;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.goauthentik.client.model.RedirectURI;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads {@code redirect_uris} in both shapes authentik has sent: the newline-separated string of
 * 2024.8 and before, and the array of {@code {matching_mode, url}} objects of 2024.10 and later. A
 * line of the old string becomes a {@link RedirectURI} with only its URL set: those servers did not
 * say how a line is matched.
 */
final class RedirectUrisAdapter extends TypeAdapter<List<RedirectURI>> {
  private final TypeAdapter<List<RedirectURI>> arrayAdapter;
  private final TypeAdapter<RedirectURI> itemAdapter;

  private RedirectUrisAdapter(TypeAdapter<List<RedirectURI>> arrayAdapter, TypeAdapter<RedirectURI> itemAdapter) {
    this.arrayAdapter = arrayAdapter;
    this.itemAdapter = itemAdapter;
  }

  static TypeAdapterFactory factory(TypeToken<List<RedirectURI>> listType) {
    return new TypeAdapterFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        if (!type.equals(listType)) {
          return null;
        }
        TypeAdapter<List<RedirectURI>> array = gson.getDelegateAdapter(this, listType);
        return (TypeAdapter<T>) new RedirectUrisAdapter(array, gson.getAdapter(RedirectURI.class));
      }
    };
  }

  @Override
  public List<RedirectURI> read(JsonReader in) throws IOException {
    if (in.peek() != JsonToken.STRING) {
      return arrayAdapter.read(in);
    }
    List<RedirectURI> uris = new ArrayList<>();
    for (String line : in.nextString().split("\r?\n")) {
      String url = line.strip();
      if (!url.isEmpty()) {
        JsonObject legacy = new JsonObject();
        legacy.addProperty("url", url);
        uris.add(itemAdapter.fromJsonTree(legacy));
      }
    }
    return Collections.unmodifiableList(uris);
  }

  @Override
  public void write(JsonWriter out, List<RedirectURI> value) throws IOException {
    arrayAdapter.write(out, value);
  }
}
