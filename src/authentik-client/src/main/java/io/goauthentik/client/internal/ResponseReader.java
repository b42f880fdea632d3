package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.goauthentik.client.MalformedResponseException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Turns a 2xx body into a model, or into {@link MalformedResponseException}. Never keeps or prints
 * the body: it may hold secrets.
 */
final class ResponseReader {
  /** A success body larger than this is refused rather than held in memory. */
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  private static final int MAX_PATH_CHARS = 200;

  private final Redactor redactor;

  ResponseReader(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * Takes the whole body first, so that a connection lost mid-body (an {@link IOException}, which
   * the caller reports as a transport failure) is told apart from a body that is not the JSON
   * expected.
   */
  Buffer take(Request request, Response response, int attempt) throws IOException {
    BufferedSource source = response.body().source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw malformed(request, response, attempt, "body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    return source.getBuffer();
  }

  /** Decodes a body that {@link #take} read whole. */
  <T> T decode(Buffer body, Decoder<T> decoder, Request request, Response response, int attempt) {
    if (body.size() == 0) {
      if (decoder.emptyAllowed) {
        return decoder.whenEmpty;
      }
      throw malformed(request, response, attempt, "body is empty");
    }
    if (decoder.isRaw()) {
      try {
        return decoder.raw(body);
      } catch (CharacterCodingException e) {
        throw malformed(request, response, attempt, "body is not UTF-8 text");
      }
    }
    String typeName = decoder.typeName;
    // A strict decoder: invalid UTF-8 is a malformed body, not silently replaced characters.
    JsonReader json = new JsonReader(new InputStreamReader(body.inputStream(), StandardCharsets.UTF_8.newDecoder()));
    try {
      T value = decoder.json.read(json);
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
      String failure = e instanceof BodyChosenNamesException
          ? ((BodyChosenNamesException) e).failure() : e.getClass().getSimpleName();
      String path = e instanceof BodyChosenNamesException
          ? ((BodyChosenNamesException) e).safePath() : json.getPath();
      throw malformed(request, response, attempt, "body is not a valid " + typeName + " (" + failure + " at "
          + shortened(path) + ")");
    }
  }

  /** Paths name only properties this SDK knows, but 255 levels of them could make 16 KB. */
  private static String shortened(String path) {
    return path.length() <= MAX_PATH_CHARS ? path : path.substring(0, MAX_PATH_CHARS) + "…";
  }

  private MalformedResponseException malformed(Request request, Response response, int attempt, String what) {
    return new MalformedResponseException(ErrorMapper.prefix(request) + response.code() + " " + what
        + ErrorMapper.attempts(attempt), response.code(), redactor.mask(response.headers().toMultimap()));
  }
}
