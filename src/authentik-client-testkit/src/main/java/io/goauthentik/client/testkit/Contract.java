package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One release's schema as the kit ships it ({@code contract/<release>.json.gz}, written by
 * tools/merge_schemas.py from that release's own schema): its operations, their parameters, bodies
 * and answers, and its component schemas. Read once per release, on first use, then shared;
 * immutable after loading, so thread-safe.
 */
final class Contract {
  private static final Map<String, Contract> LOADED = new ConcurrentHashMap<>();

  final String release;
  /** By path template, literal paths before those with parameters (so {@code users/me/} wins over {@code users/{id}/}). */
  final List<Operation> operations;
  private final JsonObject schemas;

  private Contract(JsonObject doc) {
    this.release = doc.get("release").getAsString();
    this.schemas = doc.getAsJsonObject("schemas");
    List<Operation> ops = new ArrayList<>();
    for (Map.Entry<String, JsonElement> path : doc.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> method : path.getValue().getAsJsonObject().entrySet()) {
        ops.add(new Operation(path.getKey(), method.getKey().toUpperCase(java.util.Locale.ROOT),
            method.getValue().getAsJsonObject()));
      }
    }
    ops.sort(Comparator.comparingInt((Operation op) -> op.pathParameters.size()).thenComparing(op -> op.path));
    this.operations = List.copyOf(ops);
  }

  /** The release's contract, read on first use. */
  static Contract of(String release) {
    return LOADED.computeIfAbsent(release, Contract::load);
  }

  private static Contract load(String release) {
    String resource = "contract/" + release + ".json.gz";
    try (InputStream in = Contract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the test kit lacks " + resource + "; run tools/merge_schemas.py --kit");
      }
      try (Reader reader = new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8)) {
        return new Contract(JsonParser.parseReader(reader).getAsJsonObject());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }

  /** The schema a {@code $ref} names, or the schema itself; an {@code allOf} of one ref read as that ref. */
  JsonObject resolve(JsonElement schema) {
    JsonObject s = schema == null || !schema.isJsonObject() ? new JsonObject() : schema.getAsJsonObject();
    for (int depth = 0; depth < 20; depth++) {
      if (s.has("$ref")) {
        String ref = s.get("$ref").getAsString();
        s = schemas.getAsJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      } else if (s.has("allOf") && s.getAsJsonArray("allOf").size() == 1 && !s.has("properties")) {
        s = s.getAsJsonArray("allOf").get(0).getAsJsonObject();
      } else {
        return s;
      }
    }
    return s;
  }

  /** The name of the schema a {@code $ref} (or a one-ref {@code allOf}) points at, or null. */
  static String refName(JsonElement schema) {
    if (schema == null || !schema.isJsonObject()) {
      return null;
    }
    JsonObject s = schema.getAsJsonObject();
    if (s.has("$ref")) {
      String ref = s.get("$ref").getAsString();
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    if (s.has("allOf") && s.getAsJsonArray("allOf").size() == 1) {
      return refName(s.getAsJsonArray("allOf").get(0));
    }
    return null;
  }

  /** The operation that serves {@code method} on {@code path} (below /api/v3), and its path parameters; null when none. */
  Match match(String method, String path) {
    boolean pathKnown = false;
    for (Operation op : operations) {
      Matcher m = op.pattern.matcher(path);
      if (m.matches()) {
        pathKnown = true;
        if (op.method.equals(method)) {
          Map<String, String> values = new LinkedHashMap<>();
          for (int i = 0; i < op.pathParameters.size(); i++) {
            values.put(op.pathParameters.get(i), java.net.URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
          }
          return new Match(op, values);
        }
      }
    }
    return pathKnown ? new Match(null, Map.of()) : null;
  }

  /** An operation found for a request: null {@code operation} when the path exists but not for that method. */
  static final class Match {
    final Operation operation;
    final Map<String, String> pathValues;

    Match(Operation operation, Map<String, String> pathValues) {
      this.operation = operation;
      this.pathValues = pathValues;
    }
  }

  /** One operation of the release. */
  static final class Operation {
    final String path;
    final String method;
    final String id;
    final List<String> pathParameters = new ArrayList<>();
    /** Query parameters by name, with their schema. */
    final Map<String, JsonObject> queryParameters = new LinkedHashMap<>();
    /** The JSON body's schema, or null when it takes none. */
    final JsonElement requestSchema;
    /** The 2xx answer's status. */
    final int status;
    /** Its JSON schema, or null when it has no body. */
    final JsonElement responseSchema;
    final Pattern pattern;

    Operation(String path, String method, JsonObject op) {
      this.path = path;
      this.method = method;
      this.id = op.has("operationId") ? op.get("operationId").getAsString() : method + " " + path;
      JsonArray parameters = op.has("parameters") ? op.getAsJsonArray("parameters") : new JsonArray();
      for (JsonElement p : parameters) {
        JsonObject param = p.getAsJsonObject();
        if ("query".equals(param.get("in").getAsString())) {
          queryParameters.put(param.get("name").getAsString(),
              param.has("schema") ? param.getAsJsonObject("schema") : new JsonObject());
        }
      }
      this.requestSchema = jsonSchema(op.getAsJsonObject("requestBody"));
      int found = 200;
      JsonElement schema = null;
      for (Map.Entry<String, JsonElement> response : op.getAsJsonObject("responses").entrySet()) {
        if (response.getKey().startsWith("2")) {
          found = Integer.parseInt(response.getKey());
          schema = jsonSchema(response.getValue().getAsJsonObject());
          break;
        }
      }
      this.status = found;
      this.responseSchema = schema;
      StringBuilder regex = new StringBuilder();
      Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
        pathParameters.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(path.substring(last)));
      this.pattern = Pattern.compile(regex.toString());
    }

    private static JsonElement jsonSchema(JsonObject holder) {
      if (holder == null || !holder.has("content")) {
        return null;
      }
      JsonObject content = holder.getAsJsonObject("content");
      JsonObject json = content.has("application/json") ? content.getAsJsonObject("application/json") : null;
      return json == null ? null : json.get("schema");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }
}
