package io.goauthentik.client.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The faults injected and not used up, in the order given. Thread-safe. */
final class FaultPlan {
  private final List<Rule> rules = new ArrayList<>();

  synchronized void add(Fault fault) {
    rules.add(new Rule(fault));
  }

  synchronized void clear() {
    rules.clear();
  }

  /**
   * The fault for the request, one use of it consumed; null when none matches. Counted faults come
   * first, in the order injected; then the {@code always()} fault injected last, so that one set
   * for every request never hides a fault for the next one.
   */
  synchronized Fault take(String method, String path, String query) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
      Rule rule = it.next();
      if (!rule.fault.isAlways() && rule.fault.matches(method, path, query)) {
        if (--rule.remaining == 0) {
          it.remove();
        }
        return rule.fault;
      }
    }
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).fault.isAlways() && rules.get(i).fault.matches(method, path, query)) {
        return rules.get(i).fault;
      }
    }
    return null;
  }

  private static final class Rule {
    final Fault fault;
    /** Uses left; -1 for always. */
    int remaining;

    Rule(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times;
    }
  }
}
