package io.goauthentik.client.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.goauthentik.client.model.RedirectURI;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The one Gson the SDK uses. It is immutable and thread-safe, so every client shares it; models
 * bring their own streaming adapters (see the model template), this adds the few value types.
 */
public final class Json {
  private static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, OffsetDateTimeAdapter.INSTANCE.nullSafe())
      .registerTypeAdapter(Boolean.class, new StrictBooleanAdapter().nullSafe())
      // Up to 2024.8 redirect_uris is a newline-separated string, from 2024.10 an array of objects.
      .registerTypeAdapterFactory(RedirectUrisAdapter.factory(new TypeToken<List<RedirectURI>>() {}))
      // Free-form attributes: whole numbers stay Long instead of becoming Double.
      .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
      .disableHtmlEscaping()
      .create();

  private Json() {
  }

  /** The shared instance. */
  public static Gson gson() {
    return GSON;
  }

  /**
   * Gson's own boolean adapter reads any string, so {@code "is_expired": "yes"} would silently
   * become {@code false}. This one takes only {@code true} and {@code false}, bare or quoted (the
   * rule is ModelSupport.readBoolean, which the generated model adapters call directly).
   */
  private static final class StrictBooleanAdapter extends TypeAdapter<Boolean> {
    @Override
    public Boolean read(JsonReader in) throws IOException {
      return ModelSupport.readBoolean(in);
    }

    @Override
    public void write(JsonWriter out, Boolean value) throws IOException {
      out.value(value);
    }
  }
}
