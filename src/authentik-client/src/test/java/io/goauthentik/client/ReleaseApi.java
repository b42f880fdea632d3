package io.goauthentik.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * One authentik release's whole schema (src/test/resources/upstream/full), as the contract sweep
 * needs it: its operations, its schemas with {@code $ref} and {@code allOf} followed, random values
 * each schema allows (for parameters and request bodies), and whether a response schema declares a
 * property (so that a property the SDK cannot read is told apart from one Prism invented).
 */
final class ReleaseApi {
  /** One operation: where, its parameters, its body (schema and content type) and its 2xx response schema. */
  record Operation(String id, String method, String path, String tag, List<Map<String, Object>> parameters,
      Map<String, Object> body, String bodyType, Map<String, Object> response) {
  }

  /** An object value of a named schema (a request model's properties), or of an inline one (name null). */
  record Obj(String schema, Map<String, Object> properties) {
  }

  private static final Pattern ALNUM = Pattern.compile("[a-z][a-z0-9]*");

  final String release;
  final Map<String, Object> root;
  final List<Operation> operations = new ArrayList<>();
  /** Properties {@link #value} always gives a value when an object has them (not only half the time). */
  volatile java.util.Set<String> always = java.util.Set.of();

  private ReleaseApi(String release, Map<String, Object> root) {
    this.release = release;
    this.root = root;
    Map<String, Object> paths = map(root.get("paths"));
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      for (Map.Entry<String, Object> method : map(path.getValue()).entrySet()) {
        if (!List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
          continue;
        }
        Map<String, Object> op = map(method.getValue());
        List<Map<String, Object>> params = new ArrayList<>();
        for (Object p : list(op.getOrDefault("parameters", List.of()))) {
          params.add(resolve(p));
        }
        Map<String, Object> body = null;
        String bodyType = null;
        if (op.containsKey("requestBody")) {
          Map.Entry<String, Object> content = map(map(op.get("requestBody")).get("content")).entrySet().iterator().next();
          bodyType = content.getKey();
          body = map(map(content.getValue()).get("schema"));
        }
        Map<String, Object> response = null;
        for (Map.Entry<String, Object> r : map(op.get("responses")).entrySet()) {
          if (r.getKey().startsWith("2")) {
            Map<String, Object> content = map(resolve(r.getValue()).get("content"));
            if (content != null && !content.isEmpty()) {
              Object json = content.getOrDefault("application/json", content.values().iterator().next());
              response = map(map(json).get("schema"));
            }
            break;
          }
        }
        List<?> tags = list(op.getOrDefault("tags", List.of("root")));
        operations.add(new Operation((String) op.get("operationId"), method.getKey().toUpperCase(), path.getKey(),
            (String) tags.get(0), params, body, bodyType, response));
      }
    }
  }

  private static final Map<String, ReleaseApi> CACHED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Like {@link #load(String)}, loaded once per test run. */
  static ReleaseApi cached(String release) throws IOException {
    ReleaseApi api = CACHED.get(release);
    if (api == null) {
      api = load(release);
      CACHED.put(release, api);
    }
    return api;
  }

  /** Whether the release has the operation ({@code GET}, {@code /core/users/}). */
  boolean has(String method, String path) {
    return operation(method, path) != null;
  }

  /** The release's operation ({@code GET}, {@code /core/users/}), or null. */
  Operation operation(String method, String path) {
    return operations.stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst().orElse(null);
  }

  /** The release's schema, from src/test/resources/upstream/full/authentik-&lt;release&gt;.yml.gz. */
  static ReleaseApi load(String release) throws IOException {
    try (InputStream in = ReleaseApi.class.getResourceAsStream("/upstream/full/authentik-" + release + ".yml.gz")) {
      return new ReleaseApi(release, yaml(new GZIPInputStream(in)));
    }
  }

  /** What Prism serves: the paths under /api/v3, and Pagination's numbers as integers (see PrismContractTest.serve). */
  Path writeServed(Path dir) throws IOException {
    try (InputStream in = ReleaseApi.class.getResourceAsStream("/upstream/full/authentik-" + release + ".yml.gz")) {
      String schema = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8)
          .replaceAll("(?m)^  /", "  /api/v3/");
      java.util.regex.Matcher pagination = Pattern.compile("(?m)^    Pagination:\n(?:     .*\n)*").matcher(schema);
      if (!pagination.find()) {
        throw new IllegalStateException(release + ": no Pagination schema");
      }
      schema = schema.substring(0, pagination.start()) + pagination.group().replace("type: number", "type: integer")
          + schema.substring(pagination.end());
      // The agent endpoints of 2025.12 and later require security schemes the schema never defines;
      // Prism refuses every request to them. Defined here as what they are: bearer tokens.
      java.util.Set<String> undefined = new java.util.TreeSet<>();
      java.util.regex.Matcher required = Pattern.compile("(?m)^      - (authentik_[a-z_]+): \\[\\]$").matcher(schema);
      while (required.find()) {
        if (!schema.contains("\n    " + required.group(1) + ":\n")) {
          undefined.add(required.group(1));
        }
      }
      // Operations anyone may call ({} alone) are refused by Prism when they carry a token, which the
      // SDK always sends (and authentik accepts): the served copy allows the token too.
      schema = schema.replace("      security:\n      - {}\n", "      security:\n      - {}\n      - authentik: []\n");
      // Request oneOfs whose variants a body can match several of (their discriminator property is
      // optional): the flow challenge responses and a transactional application's provider. As a
      // oneOf no body passes; as an anyOf Prism checks the body against the variant it is.
      for (String name : List.of("FlowChallengeResponseRequest", "modelRequest")) {
        schema = schema.replace("\n    " + name + ":\n      oneOf:\n", "\n    " + name + ":\n      anyOf:\n");
      }
      // A 204 has no body (OkHttp refuses one); authentik's schema gives the flow import's one.
      schema = schema.replace("        '204':\n          content:\n            application/json:\n              schema:\n"
          + "                $ref: '#/components/schemas/FlowImportResult'\n", "        '204':\n");
      StringBuilder schemes = new StringBuilder();
      undefined.forEach(s -> schemes.append("    ").append(s).append(":\n      type: http\n      scheme: bearer\n"));
      schema = schema.replace("  securitySchemes:\n", "  securitySchemes:\n" + schemes);
      return Files.writeString(dir.resolve("authentik-" + release + ".yml"), schema);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(InputStream in) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      return (Map<String, Object>) new Yaml(options).load(reader);
    }
  }

  /** A $ref followed to what it names (once or more). */
  Map<String, Object> resolve(Object schema) {
    Map<String, Object> current = map(schema);
    while (current != null && current.containsKey("$ref")) {
      Object target = root;
      for (String step : ((String) current.get("$ref")).substring(2).split("/")) {
        target = map(target).get(step);
      }
      current = map(target);
    }
    return current;
  }

  /** The name a $ref (or a one-ref allOf) points to, else null. */
  static String refName(Map<String, Object> schema) {
    if (schema == null) {
      return null;
    }
    if (schema.containsKey("$ref")) {
      String ref = (String) schema.get("$ref");
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    List<?> allOf = list(schema.get("allOf"));
    return allOf != null && allOf.size() == 1 ? refName(map(allOf.get(0))) : null;
  }

  /** The schema with $ref and one-ref allOf followed, nullable carried over. */
  Map<String, Object> flat(Map<String, Object> schema) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> current = schema;
    while (current != null) {
      for (Map.Entry<String, Object> e : current.entrySet()) {
        if (!e.getKey().equals("$ref") && !e.getKey().equals("allOf")) {
          out.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      if (current.containsKey("$ref")) {
        current = resolve(Map.of("$ref", current.get("$ref")));
      } else if (list(current.get("allOf")) != null && list(current.get("allOf")).size() == 1) {
        current = map(list(current.get("allOf")).get(0));
      } else {
        current = null;
      }
    }
    return out;
  }

  // --- values ------------------------------------------------------------------------------------

  /**
   * A random value the schema allows: what a request of this release may send. Objects of named
   * schemas come as {@link Obj}; an optional property is set half the time.
   */
  Object value(Map<String, Object> schema, Random random, int depth) {
    String name = refName(schema);
    Map<String, Object> s = flat(schema);
    if (s.containsKey("oneOf")) {
      List<?> options = list(s.get("oneOf"));
      return value(map(options.get(random.nextInt(options.size()))), random, depth);
    }
    if (s.containsKey("enum")) {
      List<Object> values = new ArrayList<>(list(s.get("enum")));
      values.remove(null);
      values.remove("");
      return values.get(random.nextInt(values.size()));
    }
    String type = (String) s.get("type");
    if (type == null && s.containsKey("properties")) {
      type = "object";
    }
    if (type == null) {
      return "any value";
    }
    switch (type) {
      case "string":
        return string(s, random);
      case "integer": {
        // Within JavaScript's safe integers: Prism checks numbers as doubles.
        long min = Math.max(number(s.get("minimum"), 0), -(1L << 53) + 1);
        long max = Math.min(number(s.get("maximum"), "int64".equals(s.get("format")) ? 1_000_000_000_000L : 100_000),
            (1L << 53) - 1);
        return "int64".equals(s.get("format")) ? (Object) (min + (long) (random.nextDouble() * (max - min)))
            : (Object) (int) (min + random.nextInt((int) Math.max(1, Math.min(max - min, Integer.MAX_VALUE - 1))));
      }
      case "number": {
        double min = number(s.get("minimum"), 0);
        double max = number(s.get("maximum"), 100);
        return Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0;
      }
      case "boolean":
        return random.nextBoolean();
      case "array": {
        int min = (int) number(s.get("minItems"), depth > 2 ? 0 : 1);
        int max = (int) Math.min(number(s.get("maxItems"), 2), Math.max(min, 2));
        List<Object> items = new ArrayList<>();
        int n = min + random.nextInt(max - min + 1);
        for (int i = 0; i < n * 3 && items.size() < n; i++) {
          Object item = value(map(s.get("items")), random, depth + 1);
          if (!items.contains(item)) {
            items.add(item);
          }
        }
        return items;
      }
      case "object": {
        Map<String, Object> properties = map(s.get("properties"));
        if (properties == null) {
          Object additional = s.get("additionalProperties");
          Map<String, Object> free = new LinkedHashMap<>();
          free.put("key", additional instanceof Map && !map(additional).isEmpty()
              ? value(map(additional), random, depth + 1) : "value");
          return free;
        }
        List<?> required = list(s.getOrDefault("required", List.of()));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : properties.entrySet()) {
          Map<String, Object> ps = flat(map(p.getValue()));
          if (Boolean.TRUE.equals(ps.get("readOnly"))) {
            continue;
          }
          boolean isRequired = required.contains(p.getKey());
          // null where the property's own schema is nullable; a nullable allOf of an enum still
          // demands one of the enum's values of a validator (OpenAPI 3.0.3), so no null there.
          boolean nullable = Boolean.TRUE.equals(map(p.getValue()).get("nullable")) && refName(map(p.getValue())) == null;
          boolean wanted = always.contains(p.getKey());
          if (isRequired || wanted || (depth < 3 && random.nextBoolean())) {
            values.put(p.getKey(), !isRequired && !wanted && nullable && random.nextInt(8) == 0
                ? null : value(map(p.getValue()), random, depth + 1));
          }
        }
        return new Obj(name, values);
      }
      default:
        throw new IllegalArgumentException(release + ": type " + type);
    }
  }

  private static String string(Map<String, Object> s, Random random) {
    String format = (String) s.get("format");
    if (format != null) {
      switch (format) {
        case "uuid":
          return UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8)).toString();
        case "date-time":
          return Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000)).atOffset(ZoneOffset.UTC).toString();
        case "date":
          return LocalDate.ofEpochDay(18_000 + random.nextInt(3_000)).toString();
        case "email":
          return "user" + random.nextInt(10_000) + "@example.com";
        case "uri":
          return "https://example.com/p" + random.nextInt(10_000);
        default:
          break;
      }
    }
    int min = (int) Math.max(1, number(s.get("minLength"), 1));
    int max = (int) Math.min(number(s.get("maxLength"), 12), Math.max(min, 12));
    Pattern pattern = s.containsKey("pattern") ? Pattern.compile((String) s.get("pattern")) : ALNUM;
    for (int attempt = 0; attempt < 50; attempt++) {
      int length = min + random.nextInt(max - min + 1);
      StringBuilder text = new StringBuilder("a");
      while (text.length() < length) {
        text.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
      }
      if (pattern.matcher(text).find()) {
        return text.toString();
      }
    }
    throw new IllegalArgumentException("no string found for pattern " + pattern);
  }

  private static long number(Object value, long fallback) {
    return value instanceof Number ? ((Number) value).longValue() : fallback;
  }

  // --- declared properties -----------------------------------------------------------------------

  /**
   * Whether the schema declares the property at {@code path} (such as {@code $.results[0].user.name}):
   * a named property of every object on the way, following $ref, allOf and every oneOf variant. A
   * property of a free-form object is not declared: its name is data.
   */
  boolean declares(Map<String, Object> schema, String path) {
    List<String> steps = new ArrayList<>();
    java.util.regex.Matcher m = Pattern.compile("\\.([^.\\[]+)|\\[\\d+]").matcher(path.substring(1));
    while (m.find()) {
      steps.add(m.group(1) != null ? m.group(1) : "[]");
    }
    return declares(schema, steps, 0);
  }

  private boolean declares(Map<String, Object> schema, List<String> steps, int i) {
    if (schema == null) {
      return false;
    }
    if (i == steps.size()) {
      return true;
    }
    Map<String, Object> s = flat(schema);
    if (s.containsKey("oneOf")) {
      for (Object variant : list(s.get("oneOf"))) {
        if (declares(map(variant), steps, i)) {
          return true;
        }
      }
      return false;
    }
    if (list(s.get("allOf")) != null) {
      for (Object part : list(s.get("allOf"))) {
        if (declares(map(part), steps, i)) {
          return true;
        }
      }
    }
    String step = steps.get(i);
    if (step.equals("[]")) {
      return declares(map(s.get("items")), steps, i + 1);
    }
    Map<String, Object> properties = map(s.get("properties"));
    return properties != null && properties.containsKey(step) && declares(map(properties.get(step)), steps, i + 1);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  static List<?> list(Object value) {
    return (List<?>) value;
  }
}
