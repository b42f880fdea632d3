package io.goauthentik.client.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okio.Buffer;

/**
 * How a 2xx body becomes an operation's value: JSON read by a generated reader, or the whole body as
 * text or bytes (the API's own OpenAPI document, an exported flow). The generated API classes make
 * one per call; {@link ResponseReader} applies it.
 *
 * @param <T> the value's type
 */
public final class Decoder<T> {
  private static final Decoder<String> TEXT = new Decoder<>("String", null, Raw.TEXT, false, null);
  private static final Decoder<byte[]> BYTES = new Decoder<>("byte[]", null, Raw.BYTES, false, null);
  /** For an operation that returns nothing: an empty body, or any JSON document. */
  static final Decoder<Boolean> NOTHING = new Decoder<>("JSON document", in -> {
    in.skipValue();
    return Boolean.TRUE;
  }, null, true, Boolean.TRUE);

  final String typeName;
  final ValueReader<T> json;
  private final Raw raw;
  final boolean emptyAllowed;
  final T whenEmpty;

  private Decoder(String typeName, ValueReader<T> json, Raw raw, boolean emptyAllowed, T whenEmpty) {
    this.typeName = typeName;
    this.json = json;
    this.raw = raw;
    this.emptyAllowed = emptyAllowed;
    this.whenEmpty = whenEmpty;
  }

  /**
   * A JSON body, read by {@code reader}.
   *
   * @param typeName the value's type, for messages
   */
  public static <T> Decoder<T> json(String typeName, ValueReader<T> reader) {
    return new Decoder<>(typeName, reader, null, false, null);
  }

  /**
   * A JSON array whose items {@code item} reads.
   *
   * @param typeName the value's type, for messages
   */
  public static <T> Decoder<List<T>> list(String typeName, ValueReader<T> item) {
    return json(typeName, in -> Readers.readList(in, item));
  }

  /**
   * A JSON array as {@link #list} reads it, or one item alone, as older releases sent it (the
   * contract's {@code x-or-single}).
   *
   * @param typeName the value's type, for messages
   */
  public static <T> Decoder<List<T>> listOrSingle(String typeName, ValueReader<T> item) {
    return json(typeName, in -> Readers.readListOrSingle(in, item));
  }

  /** The whole body as text (UTF-8, strictly: invalid bytes make it malformed). */
  public static Decoder<String> text() {
    return TEXT;
  }

  /** The whole body as it came. */
  public static Decoder<byte[]> bytes() {
    return BYTES;
  }

  /**
   * This decoder, except that an empty body reads as {@code value}: for operations that older
   * releases answer without a body.
   */
  public Decoder<T> orEmpty(T value) {
    return new Decoder<>(typeName, json, raw, true, value);
  }

  boolean isRaw() {
    return raw != null;
  }

  @SuppressWarnings("unchecked")
  T raw(Buffer body) throws CharacterCodingException {
    byte[] bytes = body.readByteArray();
    return (T) (raw == Raw.BYTES ? bytes
        : StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
  }

  private enum Raw {
    TEXT,
    BYTES
  }
}
