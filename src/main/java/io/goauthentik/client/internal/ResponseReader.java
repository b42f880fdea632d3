package io.goauthentik.client.internal;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.TransportException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Turns a 2xx response into a model, or into {@link MalformedResponseException} (bad body) or
 * {@link TransportException} (the body did not arrive). Never keeps or prints the body: it may hold
 * secrets.
 */
public final class ResponseReader<T> {
  /** A success body larger than this is refused rather than held in memory. */
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

  /** {@code $}, then property names (lower-case snake_case, each followed by a separator or the end) and indexes. */
  private static final Pattern PLAIN_PATH = Pattern.compile("\\$(?:\\.[a-z][a-z0-9_]{0,63}(?=[.\\[]|$)|\\[[0-9]+])*");

  private static final int MAX_PATH_CHARS = 200;

  private final TypeAdapter<T> adapter;
  private final String typeName;

  ResponseReader(TypeAdapter<T> adapter, String typeName) {
    this.adapter = adapter;
    this.typeName = typeName;
  }

  T read(Request request, Response response, int attempt, CallDeadlines.Watch watch) {
    Buffer body;
    try {
      // Take the whole body first, so that a connection lost mid-body is told apart from bad JSON.
      BufferedSource source = response.body().source();
      if (source.request(MAX_BODY_BYTES + 1)) {
        throw malformed(request, response, attempt, "body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      body = source.getBuffer();
    } catch (IOException e) {
      throw ErrorMapper.transport(request, watch.explain(e), attempt, "reading the response body");
    }
    if (body.size() == 0) {
      throw malformed(request, response, attempt, "body is empty");
    }
    // A strict decoder: invalid UTF-8 is a malformed body, not silently replaced characters.
    JsonReader json = new JsonReader(new InputStreamReader(body.inputStream(), StandardCharsets.UTF_8.newDecoder()));
    try {
      T value = adapter.read(json);
      if (value == null) {
        throw malformed(request, response, attempt, "body is null");
      }
      if (json.peek() != JsonToken.END_DOCUMENT) {
        throw malformed(request, response, attempt, "body has data after the JSON value");
      }
      return value;
    } catch (MalformedResponseException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // The cause is dropped on purpose: its message may quote a value from the body.
      throw malformed(request, response, attempt, "body is not a valid " + typeName + " (" + e.getClass().getSimpleName()
          + " at " + safePath(json.getPath()) + ")");
    }
  }

  /**
   * The decoder's position, such as {@code $.provider.client_type}, cut before the first member name
   * that is not a plain property name (the keys of a free-form object such as {@code attributes}
   * are data from the body, and may be anything) and after 200 characters.
   */
  static String safePath(String path) {
    Matcher plain = PLAIN_PATH.matcher(path);
    int end = Math.min(plain.lookingAt() ? plain.end() : 0, MAX_PATH_CHARS); // 255 levels could make 16 KB
    return end == path.length() ? path : path.substring(0, end) + "…";
  }

  private static MalformedResponseException malformed(Request request, Response response, int attempt, String what) {
    return new MalformedResponseException(ErrorMapper.prefix(request) + response.code() + " " + what
        + ErrorMapper.attempts(attempt), response.code(), response.headers().toMultimap());
  }
}
