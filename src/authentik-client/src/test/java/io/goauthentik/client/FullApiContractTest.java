package io.goauthentik.client;

import static io.goauthentik.client.ModelAssertions.assertMatches;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.goauthentik.client.PrismRecorder.Exchange;
import io.goauthentik.client.ReleaseApi.Obj;
import io.goauthentik.client.ReleaseApi.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole API against each release's own whole schema: Prism serves authentik's schema of one
 * release (src/test/resources/upstream/full) with random data, and the SDK calls that release's
 * operations through its generated API classes, the method found by the operation's path and
 * method in openapi.yaml. Parameters and request bodies are random values the release's schema
 * allows, set through the SDK's request setters and model builders; Prism validates every request
 * (path, parameters, body, token) and reports a fault in its {@code sl-violations} header, an error
 * status and its log. Every response must decode into a model that holds what Prism sent; a
 * property the model has no getter for passes only when the release's schema does not declare it
 * (Prism invents some: the schemas allow additional properties).
 *
 * <p>Each release is swept twice: by a client pinned to it ({@code Builder.release}) and by one that
 * detects it ({@code GET /api/v3/admin/version/}, answered by the test with the release: Prism would
 * invent one). Both write bodies in the release's own shapes, which Prism checks: a value of an older
 * shape (a number where the SDK takes text, {@code redirect_uris} as one string) is set as the SDK
 * takes it and must go out in the release's shape. Each operation of openapi.yaml the release lacks
 * must throw {@link UnsupportedByServerException} and send nothing.
 *
 * <p>Runs in the {@code contract} profile. {@code -Dcontract.sweep=sample} (the default, under a
 * minute and a half): every list and retrieve of the core and oauth2 tags in every release, and every
 * write whose body older releases take in another shape (x-write-shapes).
 * {@code -Dcontract.sweep=full}: every operation of every release, reads and writes. Also
 * {@code contract.calls} (calls per GET operation, default 3), {@code contract.seed},
 * {@code contract.releases} (a comma-separated subset). Counts per release go to standard output.
 */
@Tag("contract")
class FullApiContractTest {
  private static final boolean FULL = "full".equals(System.getProperty("contract.sweep", "sample"));
  private static final int CALLS = Integer.getInteger("contract.calls", 3);
  private static final long SEED = Long.getLong("contract.seed", System.nanoTime());
  private static final String TOKEN = "contract-test-token";
  private static final Contract CONTRACT = Contract.load();
  /** The release whose schema gives the arguments of an operation that older releases lack. */
  private static final String NEWEST = "2026.5.6";

  static Stream<String> releases() throws IOException, URISyntaxException {
    String only = System.getProperty("contract.releases", "");
    Path dir = Path.of(FullApiContractTest.class.getResource("/upstream/full").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("authentik-") && n.endsWith(".yml.gz"))
          .map(n -> n.substring("authentik-".length(), n.length() - ".yml.gz".length()))
          .filter(r -> only.isBlank() || Arrays.asList(only.split(",")).contains(r))
          .sorted(Comparator.comparing(r -> Arrays.stream(r.split("\\.")).mapToInt(Integer::parseInt).toArray(),
              Arrays::compare))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void everyOperationOfTheReleaseAgainstItsOwnSchema(String release, @TempDir Path dir) throws Exception {
    ReleaseApi api = ReleaseApi.load(release);
    List<Executable> checks = new ArrayList<>();
    try (PrismProcess prism = PrismProcess.start(api.writeServed(dir))) {
      // The same calls twice: by a client pinned to the release, and by one that asks admin/version.
      for (boolean pinned : new boolean[] {true, false}) {
        PrismRecorder recorder = new PrismRecorder();
        VersionAnswer version = new VersionAnswer(release);
        // Detecting, the version answer comes first: the detection request never reaches the recorder or
        // Prism (whose mock would invent a release). Pinned, admin/version is one more operation for Prism.
        OkHttpClient.Builder httpBuilder = new OkHttpClient.Builder();
        if (!pinned) {
          httpBuilder.addInterceptor(version);
        }
        OkHttpClient http = httpBuilder.addInterceptor(recorder).build();
        AuthentikClient.Builder builder = AuthentikClient.builder().baseUrl(prism.url()).token(TOKEN).httpClient(http)
            .maxRetries(0);
        if (pinned) {
          builder.release(release);
        }
        int logMark = prism.mark();
        try (AuthentikClient client = builder.build()) {
          Sweep sweep = new Sweep(api, client, recorder, prism, new Random(SEED ^ release.hashCode() ^ (pinned ? 0 : 1)),
              dir, pinned ? "pinned" : "detected");
          for (Operation op : api.operations) {
            if (sweep.selected(op)) {
              for (int i = 0; i < (op.method().equals("GET") ? CALLS : 1); i++) {
                sweep.call(op);
              }
              sweep.shapedVariants(op);
            }
          }
          sweep.failFast();
          prism.awaitHandled(recorder.size());
          List<String> violations = prism.violationsSince(logMark);
          System.out.println(sweep.report(violations.size()));

          // Both clients sweep before anything fails: each one's findings are worth seeing.
          checks.add(() -> assertEquals(List.of(), sweep.failures, sweep.name + " (seed " + SEED + "): calls that failed"));
          checks.add(() -> assertEquals(List.of(), violations, sweep.name + ": Prism found faults in the SDK's requests"));
          checks.add(() -> assertTrue(sweep.operations > 0, sweep.name + ": no operation selected"));
          if (!pinned) {
            checks.add(() -> assertEquals(1, version.asked.get(), sweep.name + ": admin/version requests"));
          }
          String known = client.serverRelease().toString();
          checks.add(() -> assertEquals(release, known, sweep.name + ": the server's release"));
        } finally {
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        }
      }
    }
    assertAll(checks);
  }

  /**
   * Answers {@code GET /api/v3/admin/version/} with the release Prism serves, as authentik would:
   * Prism's mock invents a version. Every other request goes on.
   */
  private static final class VersionAnswer implements Interceptor {
    final String release;
    final AtomicInteger asked = new AtomicInteger();

    VersionAnswer(String release) {
      this.release = release;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (!request.method().equals("GET") || !request.url().encodedPath().equals("/api/v3/admin/version/")) {
        return chain.proceed(request);
      }
      asked.incrementAndGet();
      String body = "{\"version_current\": \"" + release + "\", \"version_latest\": \"" + release
          + "\", \"version_latest_valid\": true, \"build_hash\": \"\", \"outdated\": false, \"outpost_outdated\": false}";
      return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
          .body(ResponseBody.create(body, MediaType.get("application/json"))).build();
    }
  }

  /** The calls of one release and what came of them. */
  private static final class Sweep {
    final ReleaseApi api;
    final AuthentikClient client;
    final PrismRecorder recorder;
    final PrismProcess prism;
    final Random random;
    final Path dir;
    final String name;
    final List<String> failures = new ArrayList<>();
    final long started = System.nanoTime();
    int operations;
    int calls;
    int reads;
    int writes;
    int decoded;
    int invented;
    int failedFast;
    /** The body's schema for the next call, one variant of a oneOf body, or null for the operation's. */
    Map<String, Object> variant;
    /** Values of an older shape set as the SDK takes them (a number as text, one string as a list). */
    int olderShapes;

    Sweep(ReleaseApi api, AuthentikClient client, PrismRecorder recorder, PrismProcess prism, Random random, Path dir,
        String mode) {
      this.api = api;
      this.client = client;
      this.recorder = recorder;
      this.prism = prism;
      this.random = random;
      this.dir = dir;
      this.name = api.release + " " + mode;
      // The properties older releases take in another shape go in every body that has them.
      api.always = CONTRACT.writeShapeProperties();
    }

    boolean selected(Operation op) {
      if (!name.endsWith("pinned") && op.method().equals("GET") && op.path().equals("/admin/version/")) {
        return false; // answered by VersionAnswer, not Prism
      }
      if (FULL || sampled(CONTRACT.op(op.path(), op.method()))) {
        operations++;
        return true;
      }
      return false;
    }

    /**
     * A oneOf body whose variants older releases take in another shape (a flow challenge's code): one
     * more call with each such variant the release has, so that each is sent, not only those the random
     * body happens to pick.
     */
    void shapedVariants(Operation op) {
      Contract.Op merged = CONTRACT.op(op.path(), op.method());
      Map<String, Object> discriminator = op.body() == null ? null
          : ReleaseApi.map(api.resolve(op.body()).get("discriminator"));
      if (merged == null || discriminator == null) {
        return;
      }
      Map<String, Object> mapping = ReleaseApi.map(discriminator.get("mapping"));
      for (String component : merged.shapedVariants()) {
        if (mapping.containsKey(component)) {
          variant = Map.of("$ref", mapping.get(component));
          try {
            call(op);
          } finally {
            variant = null;
          }
        }
      }
    }

    /**
     * The default sample: every list and retrieve of the core and oauth2 tags, and every write whose body
     * older releases take in another shape.
     */
    static boolean sampled(Contract.Op merged) {
      return merged != null && (merged.writeShapes() || merged.method().equals("GET")
          && List.of("core", "oauth2").contains(merged.tag())
          && (merged.id().endsWith("_list") || merged.id().endsWith("_retrieve")));
    }

    /**
     * Each operation of openapi.yaml that this release lacks (among those selected) must throw
     * UnsupportedByServerException and send nothing. Its arguments are random values of the schema of
     * a release that has it.
     */
    void failFast() throws IOException {
      for (Contract.Op merged : CONTRACT.ops().values()) {
        if (!FULL && !sampled(merged) || api.has(merged.method(), merged.path())) {
          continue;
        }
        String source = merged.last() == null ? NEWEST : merged.last();
        ReleaseApi other = ReleaseApi.cached(source);
        Operation op = other.operation(merged.method(), merged.path());
        String what = name + " " + merged.method() + " " + merged.path() + " (" + merged.id() + ", from " + source + ")";
        Sweep from = new Sweep(other, client, recorder, prism, random, dir, name);
        int mark = recorder.size();
        try {
          from.invoke(op, merged);
          failures.add(what + ": the release lacks it, and the call went through");
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof UnsupportedByServerException && recorder.since(mark).isEmpty()) {
            failedFast++;
          } else {
            failures.add(what + ": the release lacks it, expected UnsupportedByServerException before sending, got "
                + e.getCause() + " after " + recorder.since(mark).size() + " requests");
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          failures.add(what + ": " + e);
        }
        failures.addAll(from.failures);
      }
    }

    void call(Operation op) {
      String what = api.release + " " + op.method() + " " + op.path() + " (" + op.id() + ")";
      Contract.Op merged = CONTRACT.op(op.path(), op.method());
      if (merged == null) {
        failures.add(what + ": openapi.yaml has no such operation");
        return;
      }
      int mark = recorder.size();
      int logMark = prism.mark();
      Object result;
      try {
        result = invoke(op, merged);
      } catch (ContractGap e) {
        failures.add(what + ": " + e.getMessage());
        return;
      } catch (InvocationTargetException e) {
        List<Exchange> sent = recorder.since(mark);
        failures.add(what + ": " + e.getCause() + (sent.isEmpty() ? "" : "\n  sent " + sent.get(sent.size() - 1))
            + prismSays(logMark));
        return;
      } catch (ReflectiveOperationException | RuntimeException e) {
        failures.add(what + ": " + e);
        return;
      }
      calls++;
      if (op.method().equals("GET")) {
        reads++;
      } else {
        writes++;
      }
      List<Exchange> sent = recorder.since(mark);
      if (sent.size() != 1) {
        failures.add(what + ": " + sent.size() + " requests for one call");
        return;
      }
      Exchange exchange = sent.get(0);
      if (exchange.requestViolations() != null || exchange.code() < 200 || exchange.code() > 299) {
        failures.add(what + ": Prism answered " + exchange.code() + " " + exchange.requestViolations() + ": " + exchange
            + prismSays(logMark));
        return;
      }
      try {
        check(op, result, exchange);
        decoded++;
      } catch (AssertionError | RuntimeException e) {
        failures.add(what + ": " + e + "\n  body: " + abbreviate(exchange.body()));
      }
    }

    /**
     * Calls the operation through the SDK with random arguments of this sweep's release schema.
     *
     * @return what the SDK returned
     * @throws InvocationTargetException what the SDK threw
     * @throws ContractGap when openapi.yaml lacks something the release has
     */
    Object invoke(Operation op, Contract.Op merged) throws ReflectiveOperationException {
      String what = api.release + " " + op.method() + " " + op.path() + " (" + op.id() + ")";
      Object tagApi = AuthentikClient.class.getMethod(merged.accessor()).invoke(client);
      Method method = Arrays.stream(tagApi.getClass().getMethods())
          .filter(m -> m.getName().equals(merged.javaName()) && m.getParameterCount() == merged.arguments().size())
          .findFirst().orElse(null);
      if (method == null) {
        throw new ContractGap(tagApi.getClass().getSimpleName() + " has no " + merged.javaName() + " with "
            + merged.arguments().size() + " parameters");
      }
      Object[] args = new Object[merged.arguments().size()];
      for (int k = 0; k < args.length; k++) {
        String[] argument = merged.arguments().get(k);
        Map<String, Object> schema = argumentSchema(op, argument[0], argument[1]);
        if (schema == null) {
          throw new ContractGap("the release has no " + argument[0] + " " + argument[1] + ", which openapi.yaml requires");
        }
        args[k] = java(api.value(schema, random, 0), method.getGenericParameterTypes()[k],
            (argument[0].equals("body") || argument[0].equals("form") ? "" : "query ") + what + " " + argument[1], true);
      }
      Object target = method.invoke(tagApi, args);
      boolean fluent = target != null && target.getClass().getEnclosingClass() == tagApi.getClass();
      if (fluent) {
        setOptionals(op, merged, target, what);
        return target.getClass().getMethod("execute").invoke(target);
      }
      return target;
    }

    /** What Prism logged about the requests since {@code mark}: why it refused one. */
    private String prismSays(int mark) {
      try {
        prism.awaitHandled(recorder.size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<String> lines = prism.violationsSince(mark);
      return lines.isEmpty() ? "" : "\n  Prism: " + String.join("\n  Prism: ", lines);
    }

    /** The schema of a required argument, as the release declares it. */
    private Map<String, Object> argumentSchema(Operation op, String in, String name) {
      if (in.equals("body")) {
        return variant != null ? variant : op.body();
      }
      if (in.equals("form")) {
        Map<String, Object> properties = ReleaseApi.map(api.flat(op.body()).get("properties"));
        return properties == null ? null : ReleaseApi.map(properties.get(name));
      }
      return op.parameters().stream().filter(p -> in.equals(p.get("in")) && name.equals(p.get("name")))
          .map(p -> ReleaseApi.map(p.get("schema"))).findFirst().orElse(null);
    }

    /** Half of the release's optional parameters (and form fields), each through its setter. */
    private void setOptionals(Operation op, Contract.Op merged, Object request, String what) throws ReflectiveOperationException {
      // The SDK's optional parameters: half of them, and always those this release requires (the
      // contract makes optional what some release does not require).
      Map<String, Map<String, Object>> optional = new LinkedHashMap<>();
      List<String> releaseRequires = new ArrayList<>();
      List<String> queryNames = new ArrayList<>();
      for (Map<String, Object> p : op.parameters()) {
        if (!p.get("in").equals("path") && merged.arguments().stream().noneMatch(a -> p.get("name").equals(a[1]))) {
          optional.put((String) p.get("name"), ReleaseApi.map(p.get("schema")));
          queryNames.add((String) p.get("name"));
          if (Boolean.TRUE.equals(p.get("required"))) {
            releaseRequires.add((String) p.get("name"));
          }
        }
      }
      if (op.bodyType() != null && op.bodyType().startsWith("multipart/")) {
        Map<String, Object> form = api.flat(op.body());
        ReleaseApi.map(form.get("properties")).forEach((name, schema) -> {
          if (merged.arguments().stream().noneMatch(a -> name.equals(a[1]))) {
            optional.put(name, ReleaseApi.map(schema));
          }
        });
        for (Object name : ReleaseApi.list(form.getOrDefault("required", List.of()))) {
          releaseRequires.add((String) name);
        }
      }
      if (op.bodyType() != null && op.bodyType().startsWith("multipart/") && releaseRequires.isEmpty()
          && merged.arguments().stream().noneMatch(a -> a[0].equals("form"))) {
        // A form needs a field: the file, if the form has one.
        releaseRequires.add(optional.containsKey("file") ? "file" : optional.keySet().iterator().next());
      }
      if (op.body() != null && "application/json".equals(op.bodyType())
          && merged.arguments().stream().noneMatch(a -> a[0].equals("body"))) {
        // A body some releases do not take: optional in the SDK, and set when this release takes one.
        Method setter = Arrays.stream(request.getClass().getMethods())
            .filter(m -> m.getDeclaringClass() == request.getClass() && m.getParameterCount() == 1
                && io.goauthentik.client.model.RequestModel.class.isAssignableFrom(m.getParameterTypes()[0]))
            .findFirst().orElseThrow(() -> new ContractGap(request.getClass().getSimpleName() + " takes no body"));
        setter.invoke(request, java(api.value(variant != null ? variant : op.body(), random, 0),
            setter.getGenericParameterTypes()[0],
            what + " body", true));
      }
      for (Map.Entry<String, Map<String, Object>> p : optional.entrySet()) {
        if (!releaseRequires.contains(p.getKey()) && !random.nextBoolean()) {
          continue;
        }
        Method setter = setter(request.getClass(), p.getKey());
        if (setter == null) {
          throw new ContractGap(request.getClass().getSimpleName() + " has no setter for the parameter " + p.getKey());
        }
        setter.invoke(request, java(api.value(p.getValue(), random, 0), setter.getGenericParameterTypes()[0],
            (queryNames.contains(p.getKey()) ? "query " : "") + what + " " + p.getKey(), false));
      }
    }

    /** The decoded result holds what Prism sent. */
    private void check(Operation op, Object result, Exchange exchange) {
      if (result == null) {
        return;
      }
      if (result instanceof byte[]) {
        assertEquals(exchange.body(), new String((byte[]) result, StandardCharsets.UTF_8), "bytes");
        return;
      }
      if (result instanceof String) {
        assertEquals(exchange.body(), result, "text");
        return;
      }
      if (exchange.body().isEmpty()) {
        // x-empty-body: an older release answers without one.
        assertEquals(List.of(), result, "an empty body");
        return;
      }
      JsonElement json = JsonParser.parseString(exchange.body());
      assertMatches(json, result, path -> {
        if (api.declares(op.response(), path)) {
          throw new AssertionError(path + ": the release declares it, the SDK's model has no getter for it");
        }
        invented++;
      });
    }

    /**
     * A value of the release's schema as the Java type the SDK's setter or parameter takes.
     *
     * @param required whether the request is invalid without it (else it is left out when it cannot be sent)
     * @throws ContractGap when the SDK's type cannot hold the release's value
     */
    private Object java(Object value, Type type, String where, boolean required) {
      Class<?> raw = type instanceof ParameterizedType ? (Class<?>) ((ParameterizedType) type).getRawType() : (Class<?>) type;
      if (value == null) {
        return null;
      }
      try {
        if (raw == Object.class) {
          return plain(value);
        }
        if (raw == String.class && (value instanceof String || (where.startsWith("query ") && !(value instanceof Obj)
            && !(value instanceof List) && !(value instanceof Map)))) {
          // A query parameter is text on the wire: 30 and "30" are the same request.
          return String.valueOf(value);
        }
        if (raw == String.class && (value instanceof Integer || value instanceof Long)) {
          // An older release's number where the SDK takes text (a code, a duration in minutes): the
          // SDK writes it back as a number for that release (x-write-shapes), which Prism checks.
          olderShapes++;
          return String.valueOf(value);
        }
        if (raw == Integer.class && value instanceof Integer) {
          return value;
        }
        if ((raw == Integer.class || raw == Long.class) && value instanceof Double) {
          // A release that takes any number where the SDK takes a whole one: a whole number is one too.
          long whole = Math.round((Double) value);
          return raw == Integer.class ? (Object) (int) whole : (Object) whole;
        }
        if (raw == Long.class && value instanceof Number && !(value instanceof Double)) {
          return ((Number) value).longValue();
        }
        if ((raw == Double.class || raw == Float.class || raw == BigDecimal.class) && value instanceof Number) {
          double d = ((Number) value).doubleValue();
          return raw == Double.class ? (Object) d : raw == Float.class ? (Object) (float) d : BigDecimal.valueOf(d);
        }
        if (raw == Boolean.class && value instanceof Boolean) {
          return value;
        }
        if (raw == UUID.class && value instanceof String) {
          return UUID.fromString((String) value);
        }
        if (raw == OffsetDateTime.class && value instanceof String) {
          return OffsetDateTime.parse((String) value);
        }
        if (raw == LocalDate.class && value instanceof String) {
          return LocalDate.parse((String) value);
        }
        if (raw.isEnum() && !(value instanceof Obj) && !(value instanceof List)) {
          Object constant = raw.getMethod("fromValue", String.class).invoke(null, String.valueOf(value));
          if (((Enum<?>) constant).name().equals("UNKNOWN")) {
            // The contract's enums hold every value any release lists, so a value they lack comes from
            // a release whose schema takes any text there (a device_class before it became an enum):
            // the caller of the SDK sends a value it knows, and so does this sweep.
            for (Object known : raw.getEnumConstants()) {
              if (!((Enum<?>) known).name().equals("UNKNOWN")) {
                return known;
              }
            }
            throw new ContractGap(raw.getSimpleName() + " lacks the value " + value + " (" + where + ")");
          }
          return constant;
        }
        if (raw == List.class && value instanceof String
            && io.goauthentik.client.model.RequestModel.class.isAssignableFrom(
                (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[0])) {
          // redirect_uris up to 2024.8: one string, a regular expression per line; the SDK writes the
          // list back as that string for those releases.
          Class<?> item = (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[0];
          olderShapes++;
          List<Object> out = new ArrayList<>();
          for (String line : ((String) value).split("\\s+")) {
            if (!line.isEmpty()) {
              out.add(build(item, new Obj(null, Map.of("matching_mode", "regex", "url", line)), where + "[]"));
            }
          }
          return out;
        }
        if (raw == List.class && value instanceof List) {
          Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
          List<Object> out = new ArrayList<>();
          for (Object v : (List<?>) value) {
            out.add(java(v, item, where + "[]", true));
          }
          return out;
        }
        if (raw == Map.class && (value instanceof Map || value instanceof Obj)) {
          Type item = ((ParameterizedType) type).getActualTypeArguments()[1];
          Map<String, Object> out = new LinkedHashMap<>();
          Map<?, ?> source = value instanceof Obj ? ((Obj) value).properties() : (Map<?, ?>) value;
          for (Map.Entry<?, ?> e : source.entrySet()) {
            out.put(String.valueOf(e.getKey()), java(e.getValue(), item, where + "." + e.getKey(), true));
          }
          return out;
        }
        if (raw == Path.class) {
          return Files.writeString(Files.createTempFile(dir, "upload", ".txt"), "contract test upload\n");
        }
        if (io.goauthentik.client.model.RequestModel.class.isAssignableFrom(raw) && value instanceof Obj) {
          return build(raw, (Obj) value, where);
        }
      } catch (ReflectiveOperationException | IOException e) {
        throw new IllegalStateException(where + ": " + e, e);
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        // falls through: not a value of that type
      }
      throw new ContractGap(where.replaceFirst("^query ", "").replaceAll(" \\([a-z0-9_]+\\)", "") + ": "
          + describe(value) + " where the SDK takes " + raw.getSimpleName() + (required ? " (required)" : ""));
    }

    /** A request model built through its builder from the release's properties. */
    private Object build(Class<?> type, Obj value, String where) throws ReflectiveOperationException {
      Class<?> model = type;
      if (type.isInterface()) {
        String name = value.schema() == null ? "" : Character.toUpperCase(value.schema().charAt(0)) + value.schema().substring(1);
        try {
          model = Class.forName(type.getPackageName() + "." + name);
        } catch (ClassNotFoundException e) {
          throw new ContractGap("no model " + name + " for " + type.getSimpleName() + " (" + where + ")");
        }
      }
      Object builder = model.getMethod("builder").invoke(null);
      for (Map.Entry<String, Object> p : value.properties().entrySet()) {
        Method setter = setter(builder.getClass(), p.getKey());
        if (setter == null) {
          throw new ContractGap(model.getSimpleName() + " has no property " + p.getKey() + " (" + where + ")");
        }
        setter.invoke(builder, java(p.getValue(), setter.getGenericParameterTypes()[0],
            where + "." + p.getKey() + " (" + model.getSimpleName() + ")", false));
      }
      try {
        return builder.getClass().getMethod("build").invoke(builder);
      } catch (InvocationTargetException e) {
        throw new ContractGap(model.getSimpleName() + ".build(): " + e.getCause().getMessage());
      }
    }

    private static Method setter(Class<?> type, String jsonName) {
      String wanted = jsonName.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
      for (Method m : type.getMethods()) {
        if (m.getParameterCount() == 1 && m.getDeclaringClass() == type
            && m.getName().replaceAll("[^A-Za-z0-9]", "").toLowerCase().equals(wanted)) {
          return m;
        }
      }
      return null;
    }

    private static Object plain(Object value) {
      if (value instanceof Obj) {
        return plain(((Obj) value).properties());
      }
      if (value instanceof Map) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
        return out;
      }
      if (value instanceof List) {
        return ((List<?>) value).stream().map(Sweep::plain).collect(Collectors.toList());
      }
      return value;
    }

    private static String describe(Object value) {
      return value instanceof Obj ? "an object" : value instanceof List ? "an array" : value instanceof String ? "a string"
          : value instanceof Boolean ? "a boolean" : value instanceof Map ? "an object" : "a number";
    }

    String report(int violations) {
      StringBuilder out = new StringBuilder(String.format(
          "%s (seed %d, %s sweep): %d operations, %d calls (%d reads, %d writes), %d decoded, %d failed,"
              + " %d Prism violations, %d failed fast, %.1f s%n", name, SEED, FULL ? "full" : "sample", operations, calls,
          reads, writes, decoded, failures.size(), violations, failedFast, (System.nanoTime() - started) / 1e9));
      out.append(String.format("  properties Prism invented and the SDK skipped: %d%n", invented));
      out.append(String.format("  values of an older shape, set as the SDK takes them: %d%n", olderShapes));
      return out.toString();
    }
  }

  /** openapi.yaml lacks something this release has: a failure. */
  private static final class ContractGap extends RuntimeException {
    ContractGap(String message) {
      super(message, null, false, false);
    }
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 400 ? body : body.substring(0, 400) + "...";
  }

  /** openapi.yaml: each operation's id, tag and the arguments of its generated method, in order. */
  record Contract(Map<String, Op> ops, java.util.Set<String> properties) {
    /**
     * One operation of openapi.yaml.
     *
     * @param last the last sampled release with it (x-releases), null for the newest
     * @param writeShapes whether older releases take its body in another shape (x-write-shapes)
     * @param shapedVariants the discriminator values of a oneOf body's variants that older releases
     *     take in another shape (x-write-shapes' when-value)
     */
    record Op(String id, String method, String path, String tag, List<String[]> arguments, String last,
        boolean writeShapes, java.util.Set<String> shapedVariants) {
      String javaName() {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("_")) {
          out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
      }

      String accessor() {
        return tag.replaceAll("[^A-Za-z0-9]", "");
      }
    }

    /** The properties of request bodies that older releases take in another shape (x-write-shapes). */
    java.util.Set<String> writeShapeProperties() {
      return properties;
    }

    Op op(String path, String method) {
      return ops.get(method + " " + path);
    }

    static Contract load() {
      Map<String, Object> root;
      try (InputStream in = Files.newInputStream(Path.of("openapi.yaml"))) {
        root = ReleaseApi.yaml(in);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Map<String, Object> shared = ReleaseApi.map(ReleaseApi.map(root.get("components")).get("parameters"));
      Map<String, Op> ops = new LinkedHashMap<>();
      java.util.Set<String> properties = new java.util.TreeSet<>();
      ReleaseApi.map(root.get("paths")).forEach((path, item) -> ReleaseApi.map(item).forEach((method, o) -> {
        Map<String, Object> op = ReleaseApi.map(o);
        List<String[]> arguments = new ArrayList<>();
        for (Object p : ReleaseApi.list(op.getOrDefault("parameters", List.of()))) {
          Map<String, Object> parameter = ReleaseApi.map(p);
          if (parameter.containsKey("$ref")) {
            String ref = (String) parameter.get("$ref");
            parameter = ReleaseApi.map(shared.get(ref.substring(ref.lastIndexOf('/') + 1)));
          }
          if ("path".equals(parameter.get("in")) || Boolean.TRUE.equals(parameter.get("required"))) {
            arguments.add(new String[] {(String) parameter.get("in"), (String) parameter.get("name")});
          }
        }
        Map<String, Object> body = ReleaseApi.map(op.get("requestBody"));
        if (body != null) {
          Map<String, Object> content = ReleaseApi.map(body.get("content"));
          if (content.containsKey("multipart/form-data")) {
            Map<String, Object> form = ReleaseApi.map(ReleaseApi.map(content.get("multipart/form-data")).get("schema"));
            for (Object name : ReleaseApi.list(form.getOrDefault("required", List.of()))) {
              arguments.add(new String[] {"form", (String) name});
            }
          } else if (Boolean.TRUE.equals(body.get("required"))) {
            arguments.add(new String[] {"body", null});
          }
        }
        List<?> tags = ReleaseApi.list(op.get("tags"));
        java.util.Set<String> variants = new java.util.TreeSet<>();
        for (Object shape : ReleaseApi.list(op.getOrDefault("x-write-shapes", List.of()))) {
          properties.add((String) ReleaseApi.map(shape).get("property"));
          if (ReleaseApi.map(shape).get("when-value") != null) {
            variants.add(String.valueOf(ReleaseApi.map(shape).get("when-value")));
          }
        }
        Map<String, Object> releases = ReleaseApi.map(op.get("x-releases"));
        Object last = releases == null ? null : releases.get("last");
        ops.put(method.toUpperCase() + " " + path, new Op((String) op.get("operationId"), method.toUpperCase(), path,
            (String) tags.get(0), arguments, last == null ? null : String.valueOf(last), op.containsKey("x-write-shapes"), variants));
      }));
      return new Contract(ops, java.util.Set.copyOf(properties));
    }
  }

}
