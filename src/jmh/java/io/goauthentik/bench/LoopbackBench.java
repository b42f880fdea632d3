package io.goauthentik.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** A real HTTP/1.1 exchange over loopback with a kept-alive connection (server in this JVM). */
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
