package io.goauthentik.client.testkit;

import io.goauthentik.client.AuthentikClient;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands tests a started {@link FakeAuthentik} and an {@link AuthentikClient}
 * pointed at it, as parameters of those types, and closes both (the client first) after each test.
 * Needs JUnit Jupiter 5 on the test classpath, which the kit does not bring.
 *
 * <pre>{@code
 * @ExtendWith(FakeAuthentikExtension.class)
 * class RevocationTest {
 *   @Test
 *   void revokes(FakeAuthentik fake, AuthentikClient client) { ... }
 * }
 * }</pre>
 *
 * <p>For another release, client settings or one fake for all tests of a class, register a configured one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeAuthentikExtension AUTHENTIK = FakeAuthentikExtension.builder()
 *     .release("2024.6.3").client(b -> b.maxRetries(0)).perClass().build();
 * }</pre>
 *
 * <p>Test methods, {@code @BeforeEach} and {@code @AfterEach} methods of one test get the same fake
 * and client. Each test gets its own, so tests may run in parallel; with {@link Builder#perClass()}
 * (in a static field) or when a {@code @BeforeAll} method asks for them, all tests of the class share
 * one pair, closed after the last test. Immutable and thread-safe.
 */
public final class FakeAuthentikExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback,
    ParameterResolver {
  private final ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(FakeAuthentikExtension.class,
      this);
  private final Release release;
  private final Clock clock;
  private final UnaryOperator<AuthentikClient.Builder> client;
  private final boolean perClass;

  /** A fresh fake of the newest release and a client with the default settings for each test (for {@code @ExtendWith}). */
  public FakeAuthentikExtension() {
    this(builder());
  }

  private FakeAuthentikExtension(Builder builder) {
    this.release = builder.release;
    this.clock = builder.clock;
    this.client = builder.client;
    this.perClass = builder.perClass;
  }

  /**
   * Settings for an extension to register with {@code @RegisterExtension}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * With {@link Builder#perClass()}: starts the class's fake and client.
   *
   * @param context the test class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (perClass) {
      context.getStore(namespace).put(Started.class, start());
    }
  }

  /**
   * Closes the fake and client of the test that ends, if it had its own.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    close(context.getStore(namespace).remove(Started.class, Started.class));
  }

  /**
   * Closes the fake and client the whole class shared, if any.
   *
   * @param context the test class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    close(context.getStore(namespace).remove(Started.class, Started.class));
  }

  /**
   * Resolves parameters of type {@link FakeAuthentik} and {@link AuthentikClient}.
   *
   * @param parameter the parameter
   * @param context where it is declared
   * @return whether this extension supplies it
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeAuthentik.class || type == AuthentikClient.class;
  }

  /**
   * The started fake, or the client pointed at it; started at the first parameter that asks.
   *
   * @param parameter the parameter
   * @param context where it is declared
   * @return the fake or the client
   * @throws ParameterResolutionException when {@link Builder#perClass()} was asked for but the
   *     extension is not in a static field (JUnit then never calls {@code beforeAll})
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(namespace);
    Started started = store.get(Started.class, Started.class); // this context's, else an enclosing one's
    if (started == null) {
      if (perClass) {
        throw new ParameterResolutionException("FakeAuthentikExtension with perClass() must be registered in a "
            + "static field (@RegisterExtension static), so that it starts before the class's tests");
      }
      started = start();
      store.put(Started.class, started);
    }
    return parameter.getParameter().getType() == FakeAuthentik.class ? started.fake : started.client;
  }

  private Started start() {
    FakeAuthentik fake = FakeAuthentik.builder().release(release.name).clock(clock).start();
    try {
      return new Started(fake, client.apply(fake.clientBuilder()).build());
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  private static void close(Started started) {
    if (started != null) {
      try {
        started.client.close();
      } finally {
        started.fake.close();
      }
    }
  }

  /** Shows the settings. */
  @Override
  public String toString() {
    return "FakeAuthentikExtension{release=" + release + (perClass ? ", perClass" : "") + "}";
  }

  /** A fake and the client pointed at it. */
  private static final class Started {
    final FakeAuthentik fake;
    final AuthentikClient client;

    Started(FakeAuthentik fake, AuthentikClient client) {
      this.fake = fake;
      this.client = client;
    }
  }

  /** Settings for a {@link FakeAuthentikExtension}, then {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private Release release = Release.LATEST;
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<AuthentikClient.Builder> client = UnaryOperator.identity();
    private boolean perClass;

    private Builder() {
    }

    /**
     * The release the fakes speak; the newest by default.
     *
     * @param release one of {@link FakeAuthentik#releases()}, such as {@code 2024.6.3}
     * @return this builder
     * @throws IllegalArgumentException for a release the kit does not know
     */
    public Builder release(String release) {
      this.release = Release.of(Objects.requireNonNull(release, "release"));
      return this;
    }

    /**
     * The fakes' clock (see {@link FakeAuthentik.Builder#clock}); the system's by default.
     *
     * @param clock such as {@code Clock.fixed(...)}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Settings of the injected client, applied to {@link FakeAuthentik#clientBuilder()} (URL and
     * token already set).
     *
     * @param settings such as {@code b -> b.maxRetries(0).readTimeout(Duration.ofSeconds(1))}
     * @return this builder
     */
    public Builder client(UnaryOperator<AuthentikClient.Builder> settings) {
      this.client = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * One fake and client for all tests of the class, closed after the last; register the extension
     * in a static field. Faults and recorded requests then carry over from test to test.
     *
     * @return this builder
     */
    public Builder perClass() {
      this.perClass = true;
      return this;
    }

    /**
     * The extension, to register with {@code @RegisterExtension}.
     *
     * @return a new extension
     */
    public FakeAuthentikExtension build() {
      return new FakeAuthentikExtension(this);
    }
  }
}
