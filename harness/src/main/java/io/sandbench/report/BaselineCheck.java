package io.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.report.RunData.StartupPoint;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.scenario.Bound;
import io.sandbench.stats.Summary;
import io.sandbench.store.StoredScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run held against a baseline's bounds, as Kata's checkmetrics: every result a bound applies to
 * is checked; a bound that applies to nothing in the run fails too (a metric that vanished is not
 * a pass).
 */
public record BaselineCheck(String runId, List<Outcome> outcomes) {

  /** One bound against one result; {@code value} NaN and {@code what} saying so when missing. */
  public record Outcome(Bound bound, String runtime, String what, double value, boolean passed) {}

  public static BaselineCheck of(RunData data, List<Bound> bounds) {
    List<Outcome> out = new ArrayList<>();
    for (Bound b : bounds) {
      boolean any = false;
      if (!b.metric().startsWith("startup.")) {
        String kind = b.metric().substring(0, b.metric().indexOf('.'));
        String key = b.metric().substring(kind.length() + 1);
        for (StoredScenario s : data.scenarios()) {
          if (!s.done() || !s.experiment().equals(kind)
              || (b.runtime() != null && !b.runtime().equals(s.runtime()))
              || (b.workload() != null && !b.workload().equals(s.workload()))) {
            continue;
          }
          JsonNode v = summary(s).path(key);
          if (v.isNumber()) {
            any = true;
            out.add(new Outcome(b, s.runtime(), s.workload() + " " + kind, v.asDouble(),
                b.holds(v.asDouble())));
          }
        }
      }
      for (StartupPoint p : b.metric().startsWith("startup.") ? data.startup() : List.<StartupPoint>of()) {
        if (!applies(b, p)) {
          continue;
        }
        any = true;
        double v = value(b.metric(), p.configuration());
        out.add(new Outcome(b, p.runtime(), p.workload() + ", " + p.instances()
            + " instances, stagger " + p.stagger(), v, !Double.isNaN(v) && b.holds(v)));
      }
      if (!any) {
        out.add(new Outcome(b, b.runtime() == null ? "any" : b.runtime(),
            "no result in this run matches the bound of line " + b.line(), Double.NaN, false));
      }
    }
    return new BaselineCheck(data.run().id(), out);
  }

  private static JsonNode summary(StoredScenario s) {
    try {
      return s.resultJson() == null ? Json.mapper().createObjectNode()
          : Json.mapper().readTree(s.resultJson()).path("summary");
    } catch (Exception e) {
      return Json.mapper().createObjectNode();
    }
  }

  private static boolean applies(Bound b, StartupPoint p) {
    return (b.runtime() == null || b.runtime().equals(p.runtime()))
        && (b.workload() == null || b.workload().equals(p.workload()))
        && (b.instances() == null || b.instances() == p.instances())
        && (b.stagger() == null || b.stagger().equals(p.stagger()));
  }

  static double value(String metric, StartupConfiguration c) {
    if (metric.equals("startup.failures")) {
      return c.failures();
    }
    Summary s = c.summary();
    if (s == null) {
      return Double.NaN;
    }
    return switch (metric) {
      case "startup.mean_ms" -> s.mean();
      case "startup.median_ms" -> s.median();
      case "startup.p90_ms" -> s.p90();
      case "startup.p99_ms" -> s.p99();
      case "startup.max_ms" -> s.max();
      default -> Double.NaN;
    };
  }

  public long broken() {
    return outcomes.stream().filter(o -> !o.passed()).count();
  }

  public String markdown() {
    MarkdownTable t = new MarkdownTable("line", "metric", "runtime", "result", "value", "bound",
        "verdict");
    for (Outcome o : outcomes) {
      t.row(o.bound().line(), o.bound().metric(), o.runtime(), o.what(),
          Double.isNaN(o.value()) ? "-" : String.format(Locale.ROOT, "%.3f", o.value()),
          o.bound().describe(), o.passed() ? "pass" : "FAIL");
    }
    return "# Run " + runId + " against the baseline\n\n" + t.render() + "\n"
        + (broken() == 0 ? "All bounds hold.\n" : broken() + " bound(s) broken.\n");
  }
}
