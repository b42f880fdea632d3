package io.goauthentik.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The baseline: the call a developer writes by hand with OkHttp and Gson, idiomatically (a shared
 * client and Gson, a request per call, reflective binding into {@link PlainRefreshToken}).
 */
final class HandWritten {
  /** Plain Gson; the only addition is the obvious OffsetDateTime adapter it needs. */
  static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
        @Override
        public OffsetDateTime read(JsonReader in) throws IOException {
          return OffsetDateTime.parse(in.nextString());
        }

        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
          out.value(value.toString());
        }
      }.nullSafe())
      .create();

  private final OkHttpClient http;
  private final String base;
  private final String token;

  HandWritten(OkHttpClient http, String base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  PlainRefreshToken retrieve(int id) throws IOException {
    Request request = new Request.Builder()
        .url(base + "/oauth2/refresh_tokens/" + id + "/")
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("Unexpected HTTP " + response.code());
      }
      return GSON.fromJson(response.body().charStream(), PlainRefreshToken.class);
    }
  }
}
