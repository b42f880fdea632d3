package io.goauthentik.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link OverheadBench} with 8 threads sharing each client, as a busy service would. */
@Threads(8)
public class Overhead8Bench extends OverheadBench {
}
