package io.goauthentik.bench;

import io.goauthentik.client.model.RefreshToken;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A whole retrieve of token 42 through each contender; subclasses say what answers it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})  // a fixed heap: no resizing mid-run
public abstract class CallBench {
  /** Which release's fixture is the response body. */
  @Param("2026.5.6")
  public String release;

  protected Rig rig;

  @Benchmark
  public RefreshToken sdk() {
    return rig.sdk();
  }

  /** {@link #sdk()} with a no-op {@code CallObserver}: the cost of the observer hook itself. */
  @Benchmark
  public RefreshToken sdkObserved() {
    return rig.sdkObserved();
  }

  @Benchmark
  public PlainRefreshToken handWritten() {
    return rig.handWritten();
  }

  @Benchmark
  public io.goauthentik.bench.stock.model.RefreshToken stock() {
    return rig.stock();
  }
}
