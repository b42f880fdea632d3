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

  /** The first fault that matches the request, one use of it consumed; null when none does. */
  synchronized Fault take(String method, String path) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
      Rule rule = it.next();
      if (rule.fault.matches(method, path)) {
        if (rule.remaining > 0 && --rule.remaining == 0) {
          it.remove();
        }
        return rule.fault;
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
