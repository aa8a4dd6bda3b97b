package io.sandbench.measure;

import java.util.List;

/**
 * What one more instance costs, two ways: the article's "run one more and subtract" (the total at
 * the largest count plus one, minus the total at the largest count) and the least-squares slope of
 * the total over every instance count measured. Totals include the shared daemons, so a daemon
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
        oneMore, new MemoryFigures(slope(x, uss), slope(x, pss), slope(x, rss)));
  }

  public MarginalCost minus(MarginalCost o) {
    return new MarginalCost(oneMore.minus(o.oneMore), slope.minus(o.slope));
  }

  /**
   * Ordinary least-squares slope of y over x. Kept here until stats/LinearFit lands on main; then
   * this becomes a call to it.
   */
  static double slope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
