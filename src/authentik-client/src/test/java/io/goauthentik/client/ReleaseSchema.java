package io.goauthentik.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of one authentik release's schema (as Prism serves it) and the parameters each
 * declares, to check a request against: its method and path name an operation, each query parameter
 * is one the operation declares, and each value has the declared type. Prism checks types and
 * security itself but lets a query parameter the schema does not declare pass (OpenAPI does not
 * forbid them), so a misspelt {@code pagesize=} would go unnoticed without this check.
 */
final class ReleaseSchema {
  /** One operation: its id, method, path pattern, and the type of each parameter by name. */
  record Operation(String id, String method, Pattern path, List<String> pathNames, Map<String, String> pathTypes,
      Map<String, String> queryTypes) {
  }

  private final List<Operation> operations;

  private ReleaseSchema(List<Operation> operations) {
    this.operations = operations;
  }

  @SuppressWarnings("unchecked")
  static ReleaseSchema load(Path file) throws IOException {
    Map<String, Object> root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml().load(in);
    }
    Map<String, Object> components = (Map<String, Object>) root.getOrDefault("components", Map.of());
    Map<String, Object> sharedParameters = (Map<String, Object>) components.getOrDefault("parameters", Map.of());
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> path : ((Map<String, Object>) root.get("paths")).entrySet()) {
      for (Map.Entry<String, Object> method : ((Map<String, Object>) path.getValue()).entrySet()) {
        if (!List.of("get", "put", "post", "patch", "delete", "head", "options").contains(method.getKey())) {
          continue;
        }
        Map<String, Object> operation = (Map<String, Object>) method.getValue();
        Map<String, String> pathTypes = new LinkedHashMap<>();
        Map<String, String> queryTypes = new LinkedHashMap<>();
        for (Object p : (List<Object>) operation.getOrDefault("parameters", List.of())) {
          Map<String, Object> parameter = (Map<String, Object>) p;
          if (parameter.containsKey("$ref")) {
            String ref = (String) parameter.get("$ref");
            parameter = (Map<String, Object>) sharedParameters.get(ref.substring(ref.lastIndexOf('/') + 1));
          }
          String type = String.valueOf(((Map<String, Object>) parameter.get("schema")).get("type"));
          ("path".equals(parameter.get("in")) ? pathTypes : queryTypes).put((String) parameter.get("name"), type);
        }
        List<String> pathNames = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(path.getKey().substring(last, m.start()))).append("([^/]+)");
          pathNames.add(m.group(1));
          last = m.end();
        }
        regex.append(Pattern.quote(path.getKey().substring(last)));
        operations.add(new Operation((String) operation.get("operationId"), method.getKey().toUpperCase(),
            Pattern.compile(regex.toString()), pathNames, pathTypes, queryTypes));
      }
    }
    return new ReleaseSchema(operations);
  }

  List<Operation> operations() {
    return operations;
  }

  /** The operation a request's method and path name, or null. */
  Operation operation(String method, HttpUrl url) {
    for (Operation o : operations) {
      if (o.method().equals(method) && o.path().matcher(url.encodedPath()).matches()) {
        return o;
      }
    }
    return null;
  }

  /** What is wrong with a request by this schema: nothing (an empty list) for a valid one. */
  List<String> faults(String method, HttpUrl url) {
    Operation o = operation(method, url);
    if (o == null) {
      return List.of("no operation of the schema is " + method + " " + url.encodedPath());
    }
    List<String> faults = new ArrayList<>();
    Matcher m = o.path().matcher(url.encodedPath());
    m.matches();
    for (int i = 0; i < o.pathNames().size(); i++) {
      String name = o.pathNames().get(i);
      typeFault("path parameter", name, o.pathTypes().get(name), m.group(i + 1), faults);
    }
    for (String name : url.queryParameterNames()) {
      String type = o.queryTypes().get(name);
      if (type == null) {
        faults.add("query parameter " + name + " is not declared by " + o.id());
        continue;
      }
      for (String value : url.queryParameterValues(name)) {
        typeFault("query parameter", name, type, value, faults);
      }
    }
    return faults;
  }

  private static void typeFault(String where, String name, String type, String value, List<String> faults) {
    if (value == null) {
      faults.add(where + " " + name + " has no value");
    } else if ("integer".equals(type) && !value.matches("-?\\d+")) {
      faults.add(where + " " + name + "=" + value + " is not an integer");
    } else if ("number".equals(type) && !value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      faults.add(where + " " + name + "=" + value + " is not a number");
    } else if ("boolean".equals(type) && !value.matches("true|false")) {
      faults.add(where + " " + name + "=" + value + " is not a boolean");
    }
  }
}
