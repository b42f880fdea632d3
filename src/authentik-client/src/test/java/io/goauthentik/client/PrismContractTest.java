package io.goauthentik.client;

import static io.goauthentik.client.ModelAssertions.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.PrismRecorder.Exchange;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.UsedBy;
import io.goauthentik.client.model.UsedByActionEnum;
import java.io.Closeable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract check against authentik's own schemas: Prism serves each release's schema
 * (src/test/resources/upstream) with random data, and the SDK runs all twelve OAuth2 token
 * operations against it: lists with random combinations of their query parameters, walks of
 * {@code iterateAll()}, retrieve, destroy and used_by with random ids. Every response must decode
 * into a model that holds what Prism sent, and every request the SDK sends must be one the release's
 * schema allows: Prism validates each (path, method, parameter types, bearer token) and reports a
 * fault in its {@code sl-violations} response header, with an error status and in its log; the test
 * also checks each query parameter is one the operation declares (Prism lets undeclared ones pass).
 * A few hand-made bad requests at the end of each release prove those checks can fail.
 *
 * <p>Needs Node.js and Prism, so it runs only in the {@code contract} profile:
 * {@code mvn -B verify -Pcontract}, with the Prism executable in the {@code PRISM_BIN} system
 * property or environment variable, or on PATH. System properties: {@code contract.seed} (printed
 * by every run; the same seed makes the same calls, while the pages a walk visits follow Prism's
 * random {@code pagination.next}), {@code contract.perOperation} (calls per operation and release),
 * {@code contract.walks} ({@code iterateAll()} walks per list and release), {@code contract.fetchAhead}
 * (pages a walk fetches ahead). Counts per release and operation go to the test's standard output.
 */
@Tag("contract")
class PrismContractTest {
  private static final int PER_OPERATION = Integer.getInteger("contract.perOperation", 10);
  private static final int WALKS = Integer.getInteger("contract.walks", 4);
  /** Pages a walk fetches ahead: the SDK's default unless the property says otherwise. */
  private static final int FETCH_AHEAD = Integer.getInteger("contract.fetchAhead", 1);
  private static final long SEED = Long.getLong("contract.seed", System.nanoTime());
  private static final String TOKEN = "contract-test-token";
  /** A walk longer than this is neither of the two endings Prism's random pagination allows. */
  private static final int MAX_WALK_PAGES = 50;

  private static final List<String> RESOURCES = List.of("refresh_tokens", "access_tokens", "authorization_codes");
  private static final List<String> KINDS = List.of("list", "retrieve", "destroy", "used_by_list");
  /** The twelve operation ids, as the releases' schemas name them. */
  private static final List<String> OPERATIONS = RESOURCES.stream()
      .flatMap(r -> KINDS.stream().map(k -> "oauth2_" + r + "_" + k)).collect(Collectors.toList());

  private static final List<String> SEARCHES = List.of("alice", "jane doe", "ünïcødé ✓", "a&b=c", "50% off", "x+y",
      "#frag?q=1", "path/like", "", "'quoted\"");
  private static final List<String> ORDERINGS = List.of("expires", "-expires", "provider", "-provider", "user",
      "-user", "scope", "provider,-expires");

  /** Walk endings over all releases, for the last line of the run. */
  private static final Map<String, int[]> WALK_ENDINGS = new TreeMap<>();

  static Stream<String> releases() throws IOException, URISyntaxException {
    Path dir = Path.of(PrismContractTest.class.getResource("/upstream").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("oauth2-tokens-") && n.endsWith(".yml"))
          .map(n -> n.substring("oauth2-tokens-".length(), n.length() - ".yml".length()))
          .sorted(Comparator.comparing(r -> Arrays.stream(r.split("\\.")).mapToInt(Integer::parseInt).toArray(),
              Arrays::compare))
          .toList() // materialised: the directory stream closes on return
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void sdkReadsWhatTheReleasesSchemaAllowsAndSendsValidRequests(String release, @TempDir Path dir) throws Exception {
    Path served = serve(release, dir);
    ReleaseSchema schema = ReleaseSchema.load(served);
    assertEquals(new TreeSet<>(OPERATIONS),
        schema.operations().stream().map(ReleaseSchema.Operation::id).collect(Collectors.toCollection(TreeSet::new)),
        release + ": the operations of the schema");
    PrismRecorder recorder = new PrismRecorder();
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(recorder).build();

    try (Closeable shutdown = () -> {
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        };
        PrismProcess prism = PrismProcess.start(served);
        AuthentikClient client = AuthentikClient.builder().baseUrl(prism.url()).token(TOKEN).release(release)
            .httpClient(http).maxRetries(0).build()) {
      Sweep sweep = new Sweep(release, schema, recorder, http, client.oauth2(), new Random(SEED));
      for (String operation : OPERATIONS) {
        for (int i = 0; i < PER_OPERATION; i++) {
          sweep.call(operation, i);
        }
      }
      for (String resource : RESOURCES) {
        for (int w = 0; w < WALKS; w++) {
          sweep.walk("oauth2_" + resource + "_list", w);
        }
      }
      int sent = recorder.size();
      prism.awaitHandled(sent);
      System.out.println(sweep.report());

      assertEquals(List.of(), sweep.failures, release + " (seed " + SEED + "): calls that failed");
      for (String operation : OPERATIONS) {
        Tally t = sweep.tallies.get(operation);
        assertTrue(t.requests >= PER_OPERATION, () -> release + " " + operation + ": only " + t.requests + " requests");
        assertEquals(0, t.violations, release + " " + operation + ": requests with faults");
        assertEquals(t.requests, t.decoded, release + " " + operation + ": responses decoded");
      }
      assertEquals(List.of(), prism.findings(), release + ": Prism found faults in the SDK's requests");
      assertEquals(sent, prism.count("The request passed the validation rules"),
          () -> release + ": Prism did not validate every request:\n" + prism.output());

      controlsFail(release, prism, http, schema, recorder);
    }
  }

  @AfterAll
  static void printWalkEndings() {
    System.out.println("iterateAll() walks, all releases (seed " + SEED + "): "
        + WALK_ENDINGS.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()[0] + " ended normally, " + e.getValue()[1] + " by the loop guard")
            .collect(Collectors.joining("; ")));
  }

  /**
   * The checks can fail: requests the release's schema does not allow, sent through the same client
   * and recorder as the SDK's, are each reported, and by the detector that should. A missing token
   * and a query parameter of the wrong type are Prism's own findings (an error status, the
   * {@code sl-violations} header, its log); Prism lets an undeclared query parameter pass, and the
   * test's own check of the parameter names reports it.
   */
  private static void controlsFail(String release, PrismProcess prism, OkHttpClient http, ReleaseSchema schema,
      PrismRecorder recorder) throws IOException, InterruptedException {
    String api = prism.url() + "/api/v3/oauth2/";
    Request.Builder authorized = new Request.Builder().header("Authorization", "Bearer " + TOKEN);
    record Control(String name, Request request, List<String> expected) {
    }
    List<Control> controls = List.of(
        new Control("retrieve without the token", new Request.Builder().url(api + "refresh_tokens/1/").build(),
            List.of("Prism answered 401", "no Authorization header")),
        new Control("list without the token", new Request.Builder().url(api + "access_tokens/?page_size=5").build(),
            List.of("Prism answered 401", "no Authorization header")),
        new Control("list with page=abc", authorized.url(api + "authorization_codes/?page=abc").build(),
            List.of("Prism answered 400", "Prism's sl-violations", "query parameter page=abc is not an integer")),
        new Control("list with the undeclared parameter pagesize=5", authorized.url(api + "refresh_tokens/?pagesize=5").build(),
            List.of("query parameter pagesize is not declared")));
    long refusedBefore = prism.count("did not pass the validation rules");
    for (Control control : controls) {
      int mark = recorder.size();
      try (Response response = http.newCall(control.request()).execute()) {
        response.body().string();
      }
      Exchange exchange = recorder.since(mark).get(0);
      ReleaseSchema.Operation operation = schema.operation(exchange.method(), exchange.url());
      assertNotNull(operation, control.name());
      String faults = String.join("; ", faults(schema, operation.id(), exchange, null));
      for (String expected : control.expected()) {
        assertTrue(faults.contains(expected),
            () -> release + ": the control request " + control.name() + " should show \"" + expected + "\", found: " + faults);
      }
    }
    prism.awaitHandled(recorder.size());
    assertEquals(3, prism.count("did not pass the validation rules") - refusedBefore,
        () -> release + ": Prism's log should report the two missing tokens and page=abc:\n" + prism.output());
    assertFalse(prism.findings().isEmpty(), () -> release + ": Prism logged no fault:\n" + prism.output());
  }

  /** What is wrong with one exchange of {@code operation}: nothing (an empty list) for a valid request and answer. */
  private static List<String> faults(ReleaseSchema schema, String operation, Exchange e, Map<String, String> asked) {
    List<String> faults = new ArrayList<>(schema.faults(e.method(), e.url()));
    ReleaseSchema.Operation matched = schema.operation(e.method(), e.url());
    if (matched != null && !matched.id().equals(operation)) {
      faults.add("sent as " + matched.id() + ", not " + operation);
    }
    if (e.violations() != null) {
      faults.add("Prism's sl-violations: " + e.violations());
    }
    if (e.code() < 200 || e.code() > 299) {
      faults.add("Prism answered " + e.code() + ": " + abbreviate(e.body()));
    }
    if (!("Bearer " + TOKEN).equals(e.authorization())) {
      faults.add(e.authorization() == null ? "no Authorization header" : "Authorization is not the bearer token");
    }
    if (asked != null) {
      Map<String, String> sent = new LinkedHashMap<>();
      for (String name : e.url().queryParameterNames()) {
        sent.put(name, String.join(",", e.url().queryParameterValues(name)));
      }
      if (!sent.equals(asked)) {
        faults.add("sent the query " + sent + " for " + asked);
      }
    }
    return faults;
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  /** The query parameters of one list request; each null one is left out. */
  record Query(Integer user, Integer provider, String search, String ordering, Integer page, Integer pageSize) {
    /** Request 0 sets none, request 1 all, the others a random choice; each value one the schemas allow. */
    static Query random(Random random, int index) {
      boolean[] set = new boolean[6];
      for (int i = 0; i < set.length; i++) {
        set[i] = index == 1 || (index > 1 && random.nextBoolean());
      }
      return new Query(
          set[0] ? id(random) : null,
          set[1] ? id(random) : null,
          set[2] ? SEARCHES.get(random.nextInt(SEARCHES.size())) : null,
          set[3] ? ORDERINGS.get(random.nextInt(ORDERINGS.size())) : null,
          set[4] ? 1 + random.nextInt(5) : null,
          set[5] ? 1 + random.nextInt(100) : null);
    }

    private static Integer id(Random random) {
      return random.nextInt(10) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(100_000);
    }

    /** The parameters as they should arrive, with {@code page} in place of the query's own when not null. */
    Map<String, String> asSent(Object page) {
      Map<String, String> sent = new LinkedHashMap<>();
      Object[] pairs = {"ordering", ordering, "page", page != null ? page : this.page, "page_size", pageSize,
          "provider", provider, "search", search, "user", user};
      for (int i = 0; i < pairs.length; i += 2) {
        if (pairs[i + 1] != null) {
          sent.put((String) pairs[i], String.valueOf(pairs[i + 1]));
        }
      }
      return new TreeMap<>(sent);
    }
  }

  /** The list request of {@code resource} with the query's parameters: one page, or every result. */
  private static Object list(Oauth2Api api, String resource, Query q, boolean all) {
    switch (resource) {
      case "refresh_tokens": {
        var r = api.oauth2RefreshTokensList().user(q.user()).provider(q.provider()).search(q.search())
            .ordering(q.ordering()).page(q.page()).pageSize(q.pageSize());
        return all ? r.iterateAll() : r.execute();
      }
      case "access_tokens": {
        var r = api.oauth2AccessTokensList().user(q.user()).provider(q.provider()).search(q.search())
            .ordering(q.ordering()).page(q.page()).pageSize(q.pageSize());
        return all ? r.iterateAll() : r.execute();
      }
      case "authorization_codes": {
        var r = api.oauth2AuthorizationCodesList().user(q.user()).provider(q.provider()).search(q.search())
            .ordering(q.ordering()).page(q.page()).pageSize(q.pageSize());
        return all ? r.iterateAll() : r.execute();
      }
      default:
        throw new IllegalArgumentException(resource);
    }
  }

  /** Runs the operation {@code kind} of {@code resource} on {@code id}: its decoded answer (null for destroy). */
  private static Object byId(Oauth2Api api, String resource, String kind, int id) {
    switch (resource + " " + kind) {
      case "refresh_tokens retrieve": return api.oauth2RefreshTokensRetrieve(id);
      case "refresh_tokens destroy": api.oauth2RefreshTokensDestroy(id); return null;
      case "refresh_tokens used_by_list": return api.oauth2RefreshTokensUsedByList(id);
      case "access_tokens retrieve": return api.oauth2AccessTokensRetrieve(id);
      case "access_tokens destroy": api.oauth2AccessTokensDestroy(id); return null;
      case "access_tokens used_by_list": return api.oauth2AccessTokensUsedByList(id);
      case "authorization_codes retrieve": return api.oauth2AuthorizationCodesRetrieve(id);
      case "authorization_codes destroy": api.oauth2AuthorizationCodesDestroy(id); return null;
      case "authorization_codes used_by_list": return api.oauth2AuthorizationCodesUsedByList(id);
      default: throw new IllegalArgumentException(resource + " " + kind);
    }
  }

  /** Counts of one operation in one release. */
  static final class Tally {
    int requests;
    int decoded;
    int violations;
    int walks;
    int normalEnds;
    int loopGuards;
  }

  /** The calls of one release, what they sent, and what went wrong. */
  private static final class Sweep {
    final String release;
    final ReleaseSchema schema;
    final PrismRecorder recorder;
    final OkHttpClient http;
    final Oauth2Api api;
    final Random random;
    final Map<String, Tally> tallies = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    final long started = System.nanoTime();
    /** Where Prism invented properties the schema does not declare (allowed: no additionalProperties: false). */
    final Set<String> invented = new TreeSet<>();
    /** Notified by the dispatcher each time its last call ends. */
    private final Object idle = new Object();

    Sweep(String release, ReleaseSchema schema, PrismRecorder recorder, OkHttpClient http, Oauth2Api api, Random random) {
      this.release = release;
      this.schema = schema;
      this.recorder = recorder;
      this.http = http;
      http.dispatcher().setIdleCallback(() -> {
        synchronized (idle) {
          idle.notifyAll();
        }
      });
      this.api = api;
      this.random = random;
      OPERATIONS.forEach(o -> tallies.put(o, new Tally()));
    }

    /** One call of {@code operation}: one request, whose answer must decode into what Prism sent. */
    void call(String operation, int index) {
      String resource = resource(operation);
      String kind = operation.substring(("oauth2_" + resource + "_").length());
      Query query = kind.equals("list") ? Query.random(random, index) : null;
      int id = 1 + random.nextInt(Integer.MAX_VALUE - 1);
      String what = operation + (query != null ? " " + query : " id " + id);
      int mark = recorder.size();
      Object result = null;
      RuntimeException error = null;
      try {
        result = query != null ? list(api, resource, query, false) : byId(api, resource, kind, id);
      } catch (RuntimeException e) {
        error = e;
      }
      List<Exchange> sent = check(operation, mark, (k, e) -> query != null ? query.asSent(null) : Map.of());
      Exchange exchange = sent.isEmpty() ? null : sent.get(sent.size() - 1);
      if (error != null) {
        failures.add(what + ": " + error + (exchange != null ? "\n  body: " + abbreviate(exchange.body()) : ""));
        return;
      }
      if (sent.size() != 1) {
        failures.add(what + ": " + sent.size() + " requests for one call");
        return;
      }
      try {
        if (kind.equals("destroy")) {
          assertEquals(204, exchange.code(), "status");
        } else {
          JsonElement json = JsonParser.parseString(exchange.body());
          Object model = result;
          assertMatches(json, model, path -> invented.add(typeName(model) + " " + owner(path)));
          if (kind.equals("used_by_list")) {
            usedByActions(json.getAsJsonArray(), model);
          }
        }
        tallies.get(operation).decoded++;
      } catch (AssertionError | RuntimeException e) {
        failures.add(what + ": " + e + "\n  body: " + abbreviate(exchange.body()));
      }
    }

    /**
     * One walk of {@code iterateAll()} (items, or by page for odd {@code index}). Prism's random
     * {@code pagination.next} and {@code count} end it normally (0, or a page without results) or by
     * one of the SDK's guards (MalformedResponseException: a next that does not move forward, or more
     * results than the pages' count allows, as a negative count from Prism is); which one, and every
     * item or page on the way, must be what the pages Prism sent call for.
     */
    void walk(String operation, int index) {
      Query query = Query.random(random, index + 2); // a random choice of parameters, page included
      boolean byPage = index % 2 == 1;
      String what = operation + " iterateAll().fetchAhead(" + FETCH_AHEAD + ")" + (byPage ? ".byPage()" : "") + " " + query;
      int mark = recorder.size();
      List<Object> got = new ArrayList<>();
      String guard = null; // which of the SDK's guards ended the walk: "next" or "count"
      RuntimeException error = null;
      try {
        PagedIterable<?> all = ((PagedIterable<?>) list(api, resource(operation), query, true)).fetchAhead(FETCH_AHEAD);
        for (Object each : byPage ? all.byPage() : all) {
          got.add(each);
          if (recorder.size() - mark > MAX_WALK_PAGES) {
            break;
          }
        }
      } catch (MalformedResponseException e) {
        guard = e.getMessage().contains("does not move forward") ? "next"
            : e.getMessage().contains("but pagination.count is") ? "count" : null;
        error = guard != null ? null : e;
      } catch (RuntimeException e) {
        error = e;
      }
      quiesce(); // a request still on its way belongs to this walk
      // Pages go out one after the other (a page fetched ahead waits for the one before), so the
      // recorded order is the walk's order; each request after the first carries the walk's query
      // with the page number in place of the query's own (checked against pagination.next below).
      List<Exchange> sent = check(operation, mark, (k, e) -> k == 0 ? query.asSent(null)
          : query.asSent(e.url().queryParameter("page")));
      Tally tally = tallies.get(operation);
      tally.walks++;
      if (error != null) {
        failures.add(what + ": " + error);
        return;
      }
      try {
        List<JsonObject> pages = new ArrayList<>();
        int number = query.page() != null ? query.page() : 1;
        String ending = null;
        long seen = 0; // results on the pages handed out before this one
        Set<String> requested = new TreeSet<>();
        for (Exchange e : sent) {
          String page = e.url().queryParameter("page");
          assertTrue(requested.add(String.valueOf(page)), () -> "page " + page + " requested more than once");
        }
        for (int k = 0; k < sent.size() && ending == null; k++) {
          if (k > 0) {
            assertEquals(String.valueOf(number), sent.get(k).url().queryParameter("page"), "page requested " + k);
          }
          JsonObject page = JsonParser.parseString(sent.get(k).body()).getAsJsonObject();
          JsonArray results = page.getAsJsonArray("results");
          JsonElement count = page.getAsJsonObject("pagination").get("count");
          if (results.size() > 0 && count != null && !count.isJsonNull() && seen > count.getAsLong()) {
            ending = "count"; // more results than the server's count allows: this page is not handed out
            break;
          }
          pages.add(page);
          seen += results.size();
          int next = page.getAsJsonObject("pagination").get("next").getAsInt();
          if (results.size() == 0 || next == 0) {
            ending = "normal";
          } else if (next <= number) {
            ending = "next";
          } else {
            number = next;
          }
        }
        assertNotNull(ending, "the walk stopped before the pages Prism sent said it should end");
        assertEquals(pages.size() + (ending.equals("count") ? 1 : 0), sent.size(), "requests after the last page");
        assertEquals(ending.equals("normal") ? null : ending, guard, "ended by the SDK's guard");
        List<JsonElement> expected = new ArrayList<>();
        for (JsonObject page : pages) {
          if (byPage && page.getAsJsonArray("results").size() > 0) {
            expected.add(page);
          } else if (!byPage) {
            page.getAsJsonArray("results").forEach(expected::add);
          }
        }
        assertEquals(expected.size(), got.size(), byPage ? "pages" : "results");
        for (int i = 0; i < expected.size(); i++) {
          Object model = got.get(i);
          assertMatches(expected.get(i), model, path -> invented.add(typeName(model) + " " + owner(path)));
        }
        tally.decoded += sent.size();
        if (guard != null) {
          tally.loopGuards++;
        } else {
          tally.normalEnds++;
        }
      } catch (AssertionError | RuntimeException e) {
        failures.add(what + ": " + e + "\n  pages: "
            + sent.stream().map(x -> x.url() + " " + abbreviate(x.body())).collect(Collectors.joining("\n    ")));
      }
    }

    /** Waits (a few seconds at most) until the client has no call on its way. */
    private void quiesce() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      synchronized (idle) { // held while checking, so the idle callback cannot slip in before the wait
        while (http.dispatcher().runningCallsCount() > 0 || http.dispatcher().queuedCallsCount() > 0) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            return;
          }
          try {
            idle.wait(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    /** Checks the requests sent since {@code mark} ({@code asked}: the query each should carry) and counts them. */
    private List<Exchange> check(String operation, int mark, BiFunction<Integer, Exchange, Map<String, String>> asked) {
      List<Exchange> sent = recorder.since(mark);
      Tally tally = tallies.get(operation);
      for (int k = 0; k < sent.size(); k++) {
        Exchange e = sent.get(k);
        tally.requests++;
        List<String> faults;
        try {
          faults = faults(schema, operation, e, asked.apply(k, e));
        } catch (RuntimeException ex) {
          faults = List.of("cannot check: " + ex);
        }
        if (!faults.isEmpty()) {
          tally.violations++;
          failures.add(operation + " " + e.method() + " " + e.url() + ": " + faults);
        }
      }
      return sent;
    }

    /** Each entry's action: the raw value as sent, and a constant the SDK knows (Prism sends the schema's values). */
    private void usedByActions(JsonArray json, Object result) {
      List<?> entries = (List<?>) result;
      for (int i = 0; i < json.size(); i++) {
        UsedBy entry = (UsedBy) entries.get(i);
        String raw = json.get(i).getAsJsonObject().get("action").getAsString();
        assertEquals(raw, entry.getActionRaw(), "$[" + i + "].action raw");
        assertNotEquals(UsedByActionEnum.UNKNOWN, entry.getAction(), "$[" + i + "].action " + raw);
        assertEquals(raw, entry.getAction().getValue(), "$[" + i + "].action");
      }
    }

    String report() {
      StringBuilder out = new StringBuilder(String.format(
          "%s (seed %d): %d calls per operation, %d iterateAll().fetchAhead(%d) walks per list, %.1f s%n",
          release, SEED, PER_OPERATION, WALKS, FETCH_AHEAD, (System.nanoTime() - started) / 1e9));
      out.append(String.format("  %-42s %8s %8s %10s %6s %6s %6s%n", "operation", "requests", "decoded", "violations",
          "walks", "ended", "guard"));
      tallies.forEach((operation, t) -> {
        out.append(String.format("  %-42s %8d %8d %10d", operation, t.requests, t.decoded, t.violations));
        if (t.walks > 0) {
          out.append(String.format(" %6d %6d %6d", t.walks, t.normalEnds, t.loopGuards));
          synchronized (WALK_ENDINGS) {
            int[] endings = WALK_ENDINGS.computeIfAbsent(operation, o -> new int[2]);
            endings[0] += t.normalEnds;
            endings[1] += t.loopGuards;
          }
        }
        out.append(System.lineSeparator());
      });
      int requests = tallies.values().stream().mapToInt(t -> t.requests).sum();
      int decoded = tallies.values().stream().mapToInt(t -> t.decoded).sum();
      int violations = tallies.values().stream().mapToInt(t -> t.violations).sum();
      out.append(String.format("  %-42s %8d %8d %10d%n", "all", requests, decoded, violations));
      out.append("  the SDK skipped properties Prism invented in: ").append(invented);
      return out.toString();
    }
  }

  private static String resource(String operation) {
    return RESOURCES.stream().filter(r -> operation.startsWith("oauth2_" + r + "_")).findFirst().orElseThrow();
  }

  private static String typeName(Object model) {
    return model instanceof List ? "List<UsedBy>" : model.getClass().getSimpleName();
  }

  /** {@code $.user.roles_obj[]} for {@code $.user.roles_obj[3].random_key}. */
  private static String owner(String path) {
    return path.substring(0, path.lastIndexOf('.')).replaceAll("\\[\\d+]", "[]");
  }

  /**
   * The release's schema as Prism serves it: its paths under /api/v3, and Pagination's properties
   * as whole numbers. authentik's full schema declares {@code servers: [{url: /api/v3}]}; the cut
   * omits it and Prism ignores a server's path anyway, so the test mounts the paths where authentik
   * serves them and Prism checks the SDK's real path. authentik declares every Pagination property
   * {@code type: number}, but they are page numbers and counts, whole numbers from Django's
   * paginator, and openapi.yaml reads them as integers; left as they are, Prism would send fractions
   * ({@code "next": 29222162.89}) that no server sends and the SDK rightly refuses. Only responses
   * change: the parameters Prism validates requests against are the release's own.
   */
  private static Path serve(String release, Path dir) throws IOException, URISyntaxException {
    Path source = Path.of(PrismContractTest.class.getResource("/upstream/oauth2-tokens-" + release + ".yml").toURI());
    String schema = Files.readString(source).replaceAll("(?m)^  /", "  /api/v3/");
    assertTrue(schema.contains("\n  /api/v3/oauth2/refresh_tokens/{id}/:\n"), "no refresh token path in " + source);
    Matcher pagination = Pattern.compile("(?m)^    Pagination:\n(?:     .*\n)*").matcher(schema);
    assertTrue(pagination.find(), "no Pagination schema in " + source);
    String whole = pagination.group().replace("type: number", "type: integer");
    schema = schema.substring(0, pagination.start()) + whole + schema.substring(pagination.end());
    assertFalse(schema.contains("type: number"), "a number besides Pagination's in " + source);
    return Files.writeString(dir.resolve(source.getFileName()), schema);
  }
}
