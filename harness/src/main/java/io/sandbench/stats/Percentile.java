package io.sandbench.stats;

/**
 * Percentiles by linear interpolation between closest ranks (numpy's default "linear" method, R's
 * type 7): the p-th percentile of sorted x[0..n-1] sits at rank h = (n-1)·p/100 and is x[⌊h⌋] +
 * (h-⌊h⌋)·(x[⌊h⌋+1]-x[⌊h⌋]). So the 0th is the minimum, the 100th the maximum, the 50th the median.
 */
public final class Percentile {
  private Percentile() {}

  /** The {@code p}-th percentile (0..100) of {@code samples} (any order). */
  public static double of(double[] samples, double p) {
    return ofSorted(Samples.sortedCopy(samples, "percentile"), p);
  }

  /** As {@link #of} for samples already sorted ascending (not checked). */
  public static double ofSorted(double[] sorted, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile " + p + " is outside 0..100");
    }
    if (sorted.length == 0) {
      throw new IllegalArgumentException("percentile: no samples (need at least one)");
    }
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }
}
