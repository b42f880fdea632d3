package io.goauthentik.bench;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.model.PaginatedRefreshTokenList;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Walking every page of a list while working on each result, with the caller as busy per page as
 * the server is slow: {@code iterateAll()} (the SDK, fetching one page ahead) against a loop of
 * {@code execute()} calls, one page after the other (the "hand-written" contender here). One
 * operation is a whole walk; the ratio is how many more walks per second fetch-ahead allows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PagingBench {
  @Param("10")
  public int pages;

  @Param("20")
  public int perPage;

  /** The server's delay per page, and the caller's work per page (spread over its results). */
  @Param("20")
  public int millisPerPage;

  private PagingServer server;
  private AuthentikClient client;
  private long workNanosPerResult;

  @Setup
  public void setUp() throws IOException {
    server = new PagingServer(Fixtures.refreshToken("2026.5.6"), pages, perPage, millisPerPage);
    client = AuthentikClient.builder().baseUrl(server.url()).token(Rig.TOKEN).build();
    workNanosPerResult = TimeUnit.MILLISECONDS.toNanos(millisPerPage) / perPage;
    if (sdk() != pages * perPage || handWritten() != pages * perPage) {
      throw new IllegalStateException("a walk did not see every result");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    client.close();
    server.close();
  }

  /** {@code iterateAll()}: the next page is on its way while the caller works through this one. */
  @Benchmark
  public int sdk() {
    int seen = 0;
    for (RefreshToken token : client.oauth2().oauth2RefreshTokensList().iterateAll()) {
      work(token);
      seen++;
    }
    return seen;
  }

  /** The loop a caller writes without {@code iterateAll()}: fetch a page, work through it, repeat. */
  @Benchmark
  public int handWritten() {
    int seen = 0;
    for (int page = 1; page != 0; ) {
      PaginatedRefreshTokenList list = client.oauth2().oauth2RefreshTokensList().page(page).execute();
      for (RefreshToken token : list.getResults()) {
        work(token);
        seen++;
      }
      page = list.getPagination().getNext();
    }
    return seen;
  }

  /** The caller's work on one result: busy for a fixed time, as real processing would be. */
  private void work(RefreshToken token) {
    long end = System.nanoTime() + workNanosPerResult;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
