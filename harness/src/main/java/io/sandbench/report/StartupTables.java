package io.sandbench.report;

import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupResult;
import io.sandbench.stats.Outliers;
import io.sandbench.stats.Summary;
import java.util.Locale;

/** The startup results as people read them: the article's lines and the statistics table. */
public final class StartupTables {
  private StartupTables() {}

  public static String header(int instances, String stagger) {
    return "==== " + instances + " instance" + (instances == 1 ? "" : "s") + ", stagger " + stagger
        + " ====";
  }

  /** The article's line: {@code Iteration #1: On average, 4.125ms}, plus failures and CPU. */
  public static String iterationLine(StartupIteration it) {
    String label = it.warmup() ? "Warm-up #" + it.index() : "Iteration #" + it.index();
    StringBuilder b = new StringBuilder(label).append(": On average, ");
    b.append(Double.isNaN(it.meanMillis()) ? "-" : ms(it.meanMillis())).append("ms");
    if (it.failures() > 0) {
      b.append(" (").append(it.failures()).append(" failed)");
    }
    b.append("   [harness CPU ").append(ms(it.harnessCpuMicrosPerInstance() / 1000.0))
        .append(" ms/instance]");
    return b.toString();
  }

  /** Mean ± CI and the rest, one line; then the outlier warning and first failure, if any. */
  public static String summaryLines(StartupConfiguration c) {
    Summary s = c.summary();
    StringBuilder b = new StringBuilder();
    if (s == null) {
      b.append("  no instance answered");
    } else {
      b.append(String.format(Locale.ROOT,
          "  time to first 200: %s ms ± %s (95%% CI), median %s, p90 %s, p99 %s, min %s, max %s,"
              + " stddev %s, n=%d, failures %d",
          ms(s.mean()), ms(s.ciHalfWidth()), ms(s.median()), ms(s.p90()), ms(s.p99()),
          ms(s.min()), ms(s.max()), ms(s.stddev()), s.n(), c.failures()));
      Outliers o = c.outliers();
      if (o.any()) {
        b.append("\n  Warning: ").append(o.warning());
      }
    }
    c.iterations().stream()
        .flatMap(i -> i.samples().stream())
        .filter(x -> !x.ok())
        .findFirst()
        .ifPresent(x -> b.append("\n  First failure: instance ").append(x.instance())
            .append(": ").append(x.failure()));
    return b.toString();
  }

  /** All configurations in one Markdown table. */
  public static MarkdownTable table(StartupResult r) {
    MarkdownTable t = new MarkdownTable("instances", "stagger", "mean ± 95% CI (ms)", "median",
        "p90", "p99", "min", "max", "stddev", "n", "failures", "harness CPU/instance (ms)");
    for (StartupConfiguration c : r.configurations()) {
      Summary s = c.summary();
      String cpu = ms(c.harnessCpuMicrosPerInstance() / 1000.0);
      if (s == null) {
        t.row(c.instances(), c.stagger(), "-", "-", "-", "-", "-", "-", "-", 0, c.failures(), cpu);
      } else {
        t.row(c.instances(), c.stagger(), ms(s.mean()) + " ± " + ms(s.ciHalfWidth()),
            ms(s.median()), ms(s.p90()), ms(s.p99()), ms(s.min()), ms(s.max()), ms(s.stddev()),
            s.n(), c.failures(), cpu);
      }
    }
    return t;
  }

  /** Milliseconds with µs resolution; "-" where undefined. */
  public static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }
}
