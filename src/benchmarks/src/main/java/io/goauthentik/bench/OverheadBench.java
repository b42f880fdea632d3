package io.goauthentik.bench;

import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** Call overhead: an interceptor answers with the canned body, so only client-side work is timed. */
public class OverheadBench extends CallBench {
  @Setup
  public void setUp() {
    rig = Rig.canned(Fixtures.refreshToken(release));
  }

  @TearDown
  public void tearDown() {
    rig.close();
  }
}
