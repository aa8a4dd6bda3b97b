package io.sandbench.measure;

import io.sandbench.stats.LinearFit;
import java.util.List;

/**
 * What one more instance costs, two ways: the article's "run one more and subtract" (the total at
 * the largest count plus one, minus the total at the largest count) and the least-squares slope of
 * the total over every instance count measured (for USS, over counts of two and more). Totals include the shared daemons, so a daemon
 * that grows per instance is part of the cost.
 */
public record MarginalCost(MemoryFigures oneMore, MemoryFigures slope) {

  /** From the steps of one ramp, in increasing instance count; the last two differ by one. */
  public static MarginalCost of(List<MemoryStep> steps) {
    MemoryStep last = steps.get(steps.size() - 1);
    MemoryStep before = steps.get(steps.size() - 2);
    if (last.instances() != before.instances() + 1) {
      throw new IllegalArgumentException("the last step must add exactly one instance");
    }
    MemoryFigures oneMore = last.total().minus(before.total());
    double[] x = new double[steps.size()];
    double[] uss = new double[steps.size()];
    double[] pss = new double[steps.size()];
    double[] rss = new double[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      MemoryStep s = steps.get(i);
      MemoryFigures t = s.total();
      x[i] = s.instances();
      uss[i] = t.uss();
      pss[i] = t.pss();
      rss[i] = t.rss();
    }
    return new MarginalCost(
        oneMore,
        new MemoryFigures(
            ussSlope(x, uss), LinearFit.of(x, pss).slope(), LinearFit.of(x, rss).slope()));
  }

  /**
   * A lone instance's USS holds every page it would later share (nobody shares them yet), so the
   * one-instance point is left out of the USS fit when two or more other points remain.
   */
  private static double ussSlope(double[] x, double[] uss) {
    int many = 0;
    for (double v : x) {
      if (v >= 2) {
        many++;
      }
    }
    if (many < 2 || many == x.length) {
      return LinearFit.of(x, uss).slope();
    }
    double[] xs = new double[many];
    double[] ys = new double[many];
    for (int i = 0, k = 0; i < x.length; i++) {
      if (x[i] >= 2) {
        xs[k] = x[i];
        ys[k++] = uss[i];
      }
    }
    return LinearFit.of(xs, ys).slope();
  }

  public MarginalCost minus(MarginalCost o) {
    return new MarginalCost(oneMore.minus(o.oneMore), slope.minus(o.slope));
  }
}
