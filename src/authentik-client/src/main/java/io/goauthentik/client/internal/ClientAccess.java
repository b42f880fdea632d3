package io.goauthentik.client.internal;

import io.goauthentik.client.AuthentikClient;
import java.util.function.Function;

/**
 * How the generated API classes, in another package, reach the {@link ApiCaller} of an
 * {@link AuthentikClient} without a public accessor. {@code AuthentikClient} installs the way once,
 * when its class initializes, before any instance can exist. This package is not exported by the
 * module descriptor, so on the module path nothing else can reach it.
 */
public final class ClientAccess {
  private static volatile Function<AuthentikClient, ApiCaller> callers;

  private ClientAccess() {
  }

  /**
   * Called once by {@code AuthentikClient}'s static initializer.
   *
   * @param access returns a client's caller
   */
  public static synchronized void install(Function<AuthentikClient, ApiCaller> access) {
    if (callers != null) {
      throw new IllegalStateException("already installed");
    }
    callers = access;
  }

  /**
   * The caller of {@code client}.
   *
   * @param client a built client
   * @return its caller
   */
  public static ApiCaller caller(AuthentikClient client) {
    return callers.apply(client);
  }
}
