package io.goauthentik.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A real HTTP/1.1 exchange over loopback with a kept-alive connection (server in this JVM). The
 * round trip dominates and its scheduling noise is large on 2 cores, so this runs two forks of
 * more, shorter iterations.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 10, time = 1)
public class LoopbackBench extends CallBench {
  private LoopbackServer server;

  @Setup
  public void setUp() throws IOException {
    server = new LoopbackServer(Fixtures.refreshToken(release));
    rig = Rig.loopback(server);
  }

  @TearDown
  public void tearDown() throws IOException {
    rig.close();
    server.close();
  }
}
