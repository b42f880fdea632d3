package io.goauthentik.bench;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.goauthentik.bench.stock.JSON;
import io.goauthentik.client.model.RefreshToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one RefreshToken body (UTF-8 bytes, as they come off the wire), each contender the way
 * its own call path does it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})  // a fixed heap: no resizing mid-run
public class ParseBench {
  /** Which release's fixture (src/authentik-client/src/test/resources/fixtures/RELEASE/refresh_token.json). */
  @Param("2026.5.6")
  public String release;

  private byte[] body;

  @Setup
  public void setUp() throws IOException {
    body = Fixtures.refreshToken(release);
    Parsed.same(sdk(), handWritten(), stock());
  }

  /** The SDK: the model's generated fromJson over a strict UTF-8 reader, as ResponseReader reads. */
  @Benchmark
  public RefreshToken sdk() throws IOException {
    JsonReader json = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body),
        StandardCharsets.UTF_8.newDecoder()));
    RefreshToken token = RefreshToken.fromJson(json);
    if (json.peek() != JsonToken.END_DOCUMENT) {
      throw new IllegalStateException("trailing data");
    }
    return token;
  }

  /** Plain Gson.fromJson into a plain class, as {@code response.body().charStream()} feeds it. */
  @Benchmark
  public PlainRefreshToken handWritten() {
    return HandWritten.GSON.fromJson(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8),
        PlainRefreshToken.class);
  }

  /** The stock client's JSON.deserialize over the body's byte stream, as its ApiClient does. */
  @Benchmark
  public io.goauthentik.bench.stock.model.RefreshToken stock() throws IOException {
    return JSON.deserialize(new ByteArrayInputStream(body), io.goauthentik.bench.stock.model.RefreshToken.class);
  }
}
