package io.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.report.RunData.StartupPoint;
import io.sandbench.result.SeriesPoint;
import io.sandbench.stats.PermutationTest;
import io.sandbench.stats.Summary;
import io.sandbench.store.StoredScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Run B against run A, as Firecracker's A/B tests judge: for every metric and configuration both
 * runs measured, the relative change of the mean and a permutation-test p-value on the raw samples;
 * a change is a regression only when p &lt; 0.01 and it is larger than the noise threshold (5 % by
 * default) in the costly direction (every metric here is a cost: higher is worse).
 *
 * <p>The test statistic is the difference of the means of the logarithms (the geometric means):
 * startup times are positive and right-skewed, with stragglers under contention, and a slowdown
 * is multiplicative. On raw means one straggler dominates a small sample and hides even a 2×
 * slowdown (seen on this project's shared 2-core host with 16 samples: p ≈ 0.05); on logs the same
 * slowdown is a clean shift. Any statistic gives a valid test of "same distribution"; the change
 * shown is still that of the arithmetic means.
 */
public record RunComparison(String runA, String runB, double threshold, List<Change> changes) {
  public static final double MAX_P_VALUE = 0.01;
  public static final double DEFAULT_THRESHOLD = 0.05;
  /** Fixed, so that the same two runs always give the same p-values. */
  static final long SEED = 20220307L;

  public enum Verdict { REGRESSION, IMPROVEMENT, NO_CHANGE, ONLY_IN_A, ONLY_IN_B }

  /** One metric of one configuration of one runtime in both runs. */
  public record Change(String metric, String runtime, String configuration, int nA, int nB,
      double meanA, double meanB, double change, double pValue, Verdict verdict) {}

  public static RunComparison of(RunData a, RunData b, double threshold, int permutations) {
    Map<String, StartupPoint> inA = index(a);
    Map<String, StartupPoint> inB = index(b);
    Set<String> keys = new LinkedHashSet<>(inA.keySet());
    keys.addAll(inB.keySet());
    List<Change> out = new ArrayList<>();
    for (String k : keys) {
      StartupPoint pa = inA.get(k);
      StartupPoint pb = inB.get(k);
      StartupPoint any = pa != null ? pa : pb;
      String config = any.workload() + ", " + any.instances() + " instances, stagger " + any.stagger();
      String metric = "startup time to first 200 (ms)";
      double[] xa = pa == null ? new double[0] : pa.configuration().readyMillis();
      double[] xb = pb == null ? new double[0] : pb.configuration().readyMillis();
      if (xa.length == 0 || xb.length == 0) {
        out.add(new Change(metric, any.runtime(), config, xa.length, xb.length,
            xa.length == 0 ? Double.NaN : Summary.of(xa).mean(),
            xb.length == 0 ? Double.NaN : Summary.of(xb).mean(), Double.NaN, Double.NaN,
            xa.length == 0 ? Verdict.ONLY_IN_B : Verdict.ONLY_IN_A));
        continue;
      }
      double ma = Summary.of(xa).mean();
      double mb = Summary.of(xb).mean();
      double change = ma == 0 ? Double.NaN : (mb - ma) / ma;
      double p = PermutationTest.run(logs(xa), logs(xb), PermutationTest.Statistic.MEAN,
          permutations, SEED).pValue();
      Verdict v = p < MAX_P_VALUE && change > threshold ? Verdict.REGRESSION
          : p < MAX_P_VALUE && change < -threshold ? Verdict.IMPROVEMENT : Verdict.NO_CHANGE;
      out.add(new Change(metric, any.runtime(), config, xa.length, xb.length, ma, mb, change, p, v));
    }
    out.addAll(underLoad(a, b, threshold, permutations));
    return new RunComparison(a.run().id(), b.run().id(), threshold, out);
  }

  /**
   * The monitor's CPU % samples inside its load phase, per runtime and workload: the samples are
   * repeated measurements, so they get the same test (on raw means: CPU % can be 0).
   */
  private static List<Change> underLoad(RunData a, RunData b, double threshold, int permutations) {
    Map<String, double[]> inA = loadCpu(a);
    Map<String, double[]> inB = loadCpu(b);
    List<Change> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : inA.entrySet()) {
      double[] xb = inB.get(e.getKey());
      double[] xa = e.getValue();
      if (xb == null || xa.length == 0 || xb.length == 0) {
        continue;
      }
      String[] rw = e.getKey().split("\\|", 2);
      double ma = Summary.of(xa).mean();
      double mb = Summary.of(xb).mean();
      double change = ma == 0 ? Double.NaN : (mb - ma) / ma;
      double p = PermutationTest.run(xa, xb, PermutationTest.Statistic.MEAN, permutations, SEED)
          .pValue();
      Verdict v = Double.isNaN(change) ? Verdict.NO_CHANGE
          : p < MAX_P_VALUE && change > threshold ? Verdict.REGRESSION
          : p < MAX_P_VALUE && change < -threshold ? Verdict.IMPROVEMENT : Verdict.NO_CHANGE;
      out.add(new Change("CPU % under load (monitor)", rw[0], rw[1] + ", load phase", xa.length,
          xb.length, ma, mb, change, p, v));
    }
    return out;
  }

  private static Map<String, double[]> loadCpu(RunData d) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (StoredScenario s : d.scenarios()) {
      if (!s.done() || !s.experiment().equals("monitor") || s.resultJson() == null) {
        continue;
      }
      double from = Double.NaN;
      double to = Double.NaN;
      try {
        for (JsonNode ph : Json.mapper().readTree(s.resultJson()).path("phases")) {
          if (ph.path("name").asText().equals("load")) {
            from = ph.path("start").asDouble();
            to = ph.path("end").asDouble();
          }
        }
      } catch (Exception e) {
        continue;
      }
      double f = from;
      double t = to;
      double[] xs = d.series().getOrDefault(s.key(), List.of()).stream()
          .filter(p -> p.series().equals("cpu_percent") && p.x() > f && p.x() <= t)
          .mapToDouble(SeriesPoint::y).toArray();
      out.put(s.runtime() + "|" + s.workload(), xs);
    }
    return out;
  }

  /** Natural logs; times are positive (a 0 µs reading is floored at 1 µs). */
  private static double[] logs(double[] ms) {
    double[] out = new double[ms.length];
    for (int i = 0; i < ms.length; i++) {
      out[i] = Math.log(Math.max(ms[i], 0.001));
    }
    return out;
  }

  private static Map<String, StartupPoint> index(RunData d) {
    Map<String, StartupPoint> m = new LinkedHashMap<>();
    for (StartupPoint p : d.startup()) {
      m.put(p.runtime() + "|" + p.configKey(), p);
    }
    return m;
  }

  public long regressions() {
    return changes.stream().filter(c -> c.verdict() == Verdict.REGRESSION).count();
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Run ").append(runB).append(" against ").append(runA).append("\n\n")
        .append(String.format(Locale.ROOT,
            "A regression is a change of the mean above %+.1f %% with p < %.2f (permutation test"
                + " on the mean of log times).%n%n",
            threshold * 100, MAX_P_VALUE));
    MarkdownTable t = new MarkdownTable("metric", "runtime", "configuration", "A mean", "B mean",
        "change", "p", "n A/B", "verdict");
    for (Change c : changes) {
      t.row(c.metric(), c.runtime(), c.configuration(), fmt(c.meanA()), fmt(c.meanB()),
          Double.isNaN(c.change()) ? "-" : String.format(Locale.ROOT, "%+.1f %%", c.change() * 100),
          Double.isNaN(c.pValue()) ? "-" : String.format(Locale.ROOT, "%.4f", c.pValue()),
          c.nA() + "/" + c.nB(), c.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    b.append(t.render()).append('\n').append(regressions()).append(" regression(s).\n");
    return b.toString();
  }

  public String json() {
    return Json.write(this);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }
}
