package io.goauthentik.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A MockWebServer standing in for authentik, and AuthentikClients pointed at it, for one test.
 *
 * <p>What it gives, each made on first use and only then: {@link #server()}, a started
 * MockWebServer; {@link #client()}, an AuthentikClient with that server's URL, the token and the
 * settings given to {@link #configure}; {@link #client(UnaryOperator)}, another such client with
 * some settings changed; {@link #newServer()}, one more started server. What it closes, after each
 * test: every client it made, then every server it started (closing twice is harmless, so a test
 * may also close one itself). A test gets a fresh set: register it on an instance field, which
 * JUnit creates anew for every test, and read it from the test's own fields if that reads better:
 *
 * <pre>{@code
 * @RegisterExtension final MockAuthentik authentik = new MockAuthentik(TOKEN).configure(b -> b.maxRetries(0));
 * private final MockWebServer server = authentik.server();
 * private final AuthentikClient client = authentik.client();
 * }</pre>
 *
 * <p>With {@code @ExtendWith(MockAuthentik.class)} instead, test methods take a {@code MockWebServer},
 * an {@code AuthentikClient} or the {@code MockAuthentik} itself as parameters (token
 * {@value #DEFAULT_TOKEN}). Not for tests of one class that run in parallel.
 */
public final class MockAuthentik implements AfterEachCallback, ParameterResolver {
  /** The token of {@link #MockAuthentik()}. */
  public static final String DEFAULT_TOKEN = "ak-test-token";

  private final String token;
  private UnaryOperator<AuthentikClient.Builder> settings = UnaryOperator.identity();
  private boolean tcpNoDelay;

  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<AuthentikClient> clients = new ArrayList<>();
  private MockWebServer server;
  private AuthentikClient client;

  /** Clients send {@value #DEFAULT_TOKEN}. */
  public MockAuthentik() {
    this(DEFAULT_TOKEN);
  }

  /** Clients send {@code token}. */
  public MockAuthentik(String token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  /** Settings for every client this makes, applied after the server's URL and the token. */
  public MockAuthentik configure(UnaryOperator<AuthentikClient.Builder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Servers send each write at once ({@link NoDelayServerSockets}): for tests of hundreds of calls,
   * which Nagle's algorithm would slow down by ~40 ms each.
   */
  public MockAuthentik tcpNoDelay() {
    this.tcpNoDelay = true;
    return this;
  }

  /** The token the clients send. */
  public String token() {
    return token;
  }

  /** The server, started. */
  public MockWebServer server() {
    if (server == null) {
      server = newServer();
    }
    return server;
  }

  /** Another server, started; closed after the test like the first. */
  public MockWebServer newServer() {
    MockWebServer started = new MockWebServer();
    if (tcpNoDelay) {
      started.setServerSocketFactory(new NoDelayServerSockets());
    }
    servers.add(started);
    try {
      started.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return started;
  }

  /** The client: {@link #server()}'s URL, the token, the {@link #configure} settings. */
  public AuthentikClient client() {
    if (client == null) {
      client = client(UnaryOperator.identity());
    }
    return client;
  }

  /**
   * A new client like {@link #client()} with {@code changes} applied last (another
   * {@code baseUrl}, timeout, {@code httpClient}, ...); closed after the test.
   */
  public AuthentikClient client(UnaryOperator<AuthentikClient.Builder> changes) {
    AuthentikClient.Builder builder = AuthentikClient.builder().baseUrl(server().url("/").toString()).token(token);
    AuthentikClient made = changes.apply(settings.apply(builder)).build();
    clients.add(made);
    return made;
  }

  /** Closes the clients, then the servers; the next test starts afresh. */
  @Override
  public void afterEach(ExtensionContext context) {
    RuntimeException failure = null;
    List<AutoCloseable> open = new ArrayList<>(clients);
    open.addAll(servers);
    for (AutoCloseable each : open) {
      try {
        each.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing " + each + " failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    clients.clear();
    servers.clear();
    client = null;
    server = null;
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MockWebServer.class || type == AuthentikClient.class || type == MockAuthentik.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MockWebServer.class ? server() : type == AuthentikClient.class ? client() : this;
  }
}
