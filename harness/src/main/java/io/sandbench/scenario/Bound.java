package io.sandbench.scenario;

import java.util.Locale;

/**
 * One bound of a baseline file: a metric, which results it applies to (null filters match any),
 * and either min/max or mid ± tolerance (a fraction), as Kata's checkmetrics takes them.
 */
public record Bound(
    int line,
    String metric,
    String runtime,
    String workload,
    Integer instances,
    String stagger,
    double min,
    double max) {

  public boolean holds(double value) {
    return value >= min && value <= max;
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s..%s",
        Double.isInfinite(min) ? "-inf" : trim(min), Double.isInfinite(max) ? "inf" : trim(max));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
