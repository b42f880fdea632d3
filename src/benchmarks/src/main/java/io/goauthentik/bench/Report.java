package io.goauthentik.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a JMH JSON result into Markdown: throughput and allocation of the SDK next to the
 * hand-written call and the stock client, and their ratios. Errors are JMH's 99.9% confidence
 * half-widths; a ratio's error combines both sides' relative errors.
 */
final class Report {
  /**
   * Scenario (benchmark class) to its label and its throughput targets vs hand-written and stock:
   * README's performance bars (no slower than the hand-written call and than plain Gson; fetch-ahead 1.5x).
   */
  private static final Map<String, Object[]> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("ParseBench", new Object[] {"parse RefreshToken (hand-written = plain Gson)", 1.0, null});
    SCENARIOS.put("OverheadBench", new Object[] {"retrieve, canned response, 1 thread", 1.0, null});
    SCENARIOS.put("Overhead8Bench", new Object[] {"retrieve, canned response, 8 threads", 1.0, null});
    SCENARIOS.put("LoopbackBench", new Object[] {"retrieve over loopback HTTP/1.1, keep-alive", 1.0, null});
    SCENARIOS.put("PagingBench", new Object[] {"walk every page, caller as busy as the server is slow"
        + " (SDK = iterateAll(), hand-written = a loop of execute())", 1.5, null});
  }

  private Report() {
  }

  static String render(String json) {
    // scenario (+ params) -> contender -> {score, error, allocation, allocation error}
    Map<String, Map<String, double[]>> rows = new LinkedHashMap<>();
    Map<String, String> scenarioOf = new LinkedHashMap<>();
    for (JsonElement element : JsonParser.parseString(json).getAsJsonArray()) {
      JsonObject run = element.getAsJsonObject();
      String benchmark = run.get("benchmark").getAsString();
      String[] parts = benchmark.split("\\.");
      String scenario = parts[parts.length - 2];
      String contender = parts[parts.length - 1];
      String key = scenario + params(run);
      scenarioOf.put(key, scenario);
      JsonObject primary = run.getAsJsonObject("primaryMetric");
      double[] alloc = allocation(run.getAsJsonObject("secondaryMetrics"));
      rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(contender, new double[] {
          number(primary, "score"), number(primary, "scoreError"), alloc[0], alloc[1]});
      rows.get(key).put("unit:" + primary.get("scoreUnit").getAsString(), null);
    }

    // Scenarios in a fixed order; a parameter shared by every row is said once instead of per row.
    List<String> keys = new ArrayList<>(rows.keySet());
    List<String> order = new ArrayList<>(SCENARIOS.keySet());
    keys.sort(Comparator.comparing((String k) -> order.indexOf(scenarioOf.get(k))).thenComparing(k -> k));
    TreeSet<String> paramSets = new TreeSet<>();
    keys.forEach(k -> paramSets.add(suffix(k, scenarioOf.get(k))));
    boolean oneParamSet = paramSets.size() == 1;

    StringBuilder out = new StringBuilder();
    if (oneParamSet && !paramSets.first().isEmpty()) {
      out.append("Parameters:").append(paramSets.first().replace("[", "").replace("]", "")).append("\n\n");
    }
    out.append("| benchmark | SDK | hand-written | stock | SDK / hand-written | SDK / stock | target |\n");
    out.append("|---|---:|---:|---:|---:|---:|---|\n");
    for (String key : keys) {
      Object[] meta = SCENARIOS.getOrDefault(scenarioOf.get(key), new Object[] {key, null, null});
      Map<String, double[]> c = rows.get(key);
      String unit = c.keySet().stream().filter(k -> k.startsWith("unit:")).findFirst().orElse("unit:?").substring(5);
      out.append("| ").append(meta[0]).append(oneParamSet ? "" : suffix(key, scenarioOf.get(key))).append(" (").append(unit).append(")")
          .append(" | ").append(score(c.get("sdk"), 0))
          .append(" | ").append(score(c.get("handWritten"), 0))
          .append(" | ").append(score(c.get("stock"), 0))
          .append(" | ").append(ratio(c.get("sdk"), c.get("handWritten"), 0))
          .append(" | ").append(ratio(c.get("sdk"), c.get("stock"), 0))
          .append(" | ").append(target(c, (Double) meta[1], (Double) meta[2]))
          .append(" |\n");
    }

    boolean anyAlloc = rows.values().stream().flatMap(m -> m.values().stream())
        .anyMatch(v -> v != null && !Double.isNaN(v[2]));
    if (anyAlloc) {
      out.append("\nAllocation per operation (bytes/op, JMH -prof gc):\n\n");
      out.append("| benchmark | SDK | hand-written | stock | SDK / hand-written | SDK / stock |\n");
      out.append("|---|---:|---:|---:|---:|---:|\n");
      for (String key : keys) {
        Object[] meta = SCENARIOS.getOrDefault(scenarioOf.get(key), new Object[] {key});
        Map<String, double[]> c = rows.get(key);
        out.append("| ").append(meta[0]).append(oneParamSet ? "" : suffix(key, scenarioOf.get(key)))
            .append(" | ").append(score(c.get("sdk"), 2))
            .append(" | ").append(score(c.get("handWritten"), 2))
            .append(" | ").append(score(c.get("stock"), 2))
            .append(" | ").append(ratio(c.get("sdk"), c.get("handWritten"), 2))
            .append(" | ").append(ratio(c.get("sdk"), c.get("stock"), 2))
            .append(" |\n");
      }
    }
    if (keys.stream().anyMatch(k -> rows.get(k).containsKey("sdkObserved"))) {
      out.append("\nObserver overhead (SDK with a no-op CallObserver against the SDK without one; "
          + "1.00 within the error bar means no measurable cost):\n\n");
      out.append("| benchmark | SDK | SDK + no-op observer | observed / SDK, ops | observed / SDK, bytes/op |\n");
      out.append("|---|---:|---:|---:|---:|\n");
      for (String key : keys) {
        Map<String, double[]> c = rows.get(key);
        if (c.containsKey("sdkObserved")) {
          Object[] meta = SCENARIOS.getOrDefault(scenarioOf.get(key), new Object[] {key});
          out.append("| ").append(meta[0]).append(oneParamSet ? "" : suffix(key, scenarioOf.get(key)))
              .append(" | ").append(score(c.get("sdk"), 0))
              .append(" | ").append(score(c.get("sdkObserved"), 0))
              .append(" | ").append(ratio(c.get("sdkObserved"), c.get("sdk"), 0))
              .append(" | ").append(ratio(c.get("sdkObserved"), c.get("sdk"), 2))
              .append(" |\n");
        }
      }
    }
    out.append("\nRatios above 1 mean the SDK does more operations per time (first table) or allocates more "
        + "(second table). ± is the 99.9% confidence half-width JMH reports.\n");
    return out.toString();
  }

  private static String params(JsonObject run) {
    JsonObject params = run.getAsJsonObject("params");
    if (params == null || params.size() == 0) {
      return "";
    }
    StringBuilder s = new StringBuilder(" [");
    params.entrySet().forEach(e -> s.append(s.length() > 2 ? ", " : "").append(e.getKey()).append('=')
        .append(e.getValue().getAsString()));
    return s.append(']').toString();
  }

  private static String suffix(String key, String scenario) {
    return key.substring(scenario.length());
  }

  private static double[] allocation(JsonObject secondary) {
    if (secondary != null) {
      for (Map.Entry<String, JsonElement> e : secondary.entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          JsonObject metric = e.getValue().getAsJsonObject();
          return new double[] {number(metric, "score"), number(metric, "scoreError")};
        }
      }
    }
    return new double[] {Double.NaN, Double.NaN};
  }

  private static double number(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return Double.NaN; // JMH writes "NaN" as a string when there are too few samples
    }
    return e.getAsDouble();
  }

  private static String score(double[] v, int at) {
    if (v == null || Double.isNaN(v[at])) {
      return "–";
    }
    return Double.isNaN(v[at + 1]) ? fmt(v[at]) : fmt(v[at]) + " ± " + fmt(v[at + 1]);
  }

  private static String ratio(double[] a, double[] b, int at) {
    if (a == null || b == null || Double.isNaN(a[at]) || Double.isNaN(b[at]) || b[at] == 0) {
      return "–";
    }
    double r = a[at] / b[at];
    double ea = Double.isNaN(a[at + 1]) ? 0 : a[at + 1] / a[at];
    double eb = Double.isNaN(b[at + 1]) ? 0 : b[at + 1] / b[at];
    return String.format(Locale.ROOT, "**%.2f** ± %.2f", r, r * Math.sqrt(ea * ea + eb * eb));
  }

  private static String target(Map<String, double[]> c, Double vsHand, Double vsStock) {
    StringBuilder s = new StringBuilder();
    append(s, c.get("sdk"), c.get("handWritten"), vsHand, "hand-written");
    append(s, c.get("sdk"), c.get("stock"), vsStock, "stock");
    return s.length() == 0 ? "" : s.toString();
  }

  private static void append(StringBuilder s, double[] a, double[] b, Double min, String what) {
    if (min == null || a == null || b == null) {
      return;
    }
    double r = a[0] / b[0];
    double ea = Double.isNaN(a[1]) ? 0 : a[1] / a[0];
    double eb = Double.isNaN(b[1]) ? 0 : b[1] / b[0];
    double low = r - r * Math.sqrt(ea * ea + eb * eb);
    String verdict = low >= min ? "met" : r >= min ? "met (error bar reaches below)" : "MISSED";
    s.append(s.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "≥ %.2f× %s: %s", min, what, verdict));
  }

  private static String fmt(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
