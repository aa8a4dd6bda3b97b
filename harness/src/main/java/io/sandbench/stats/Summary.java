package io.sandbench.stats;

/**
 * The usual description of one set of samples, every figure with its definition:
 *
 * <ul>
 *   <li>{@code mean} and the 95 % confidence interval of the mean, mean ± t(0.975, n-1)·s/√n
 *       (Student t; NaN bounds for one sample, where it is undefined);
 *   <li>{@code stddev}: the sample standard deviation s (divides by n-1; NaN for one sample);
 *   <li>{@code median}, {@code p90}, {@code p99}: percentiles by linear interpolation between
 *       closest ranks, as numpy's default (see {@link Percentile});
 *   <li>{@code min}, {@code max}.
 * </ul>
 */
public record Summary(
    int n,
    double mean,
    double stddev,
    double ciLow,
    double ciHigh,
    double median,
    double p90,
    double p99,
    double min,
    double max) {

  /** The confidence level of {@link #ciLow()}..{@link #ciHigh()}. */
  public static final double CONFIDENCE = 0.95;

  /**
   * Summarizes {@code samples}.
   *
   * @throws IllegalArgumentException when there are no samples or one is NaN or infinite
   */
  public static Summary of(double[] samples) {
    double[] s = Samples.sortedCopy(samples, "summary");
    int n = s.length;
    double mean = Samples.mean(s);
    double sd = Math.sqrt(Samples.variance(s));
    double half = n < 2 ? Double.NaN : StudentT.critical(CONFIDENCE, n - 1) * sd / Math.sqrt(n);
    return new Summary(
        n,
        mean,
        sd,
        mean - half,
        mean + half,
        Percentile.ofSorted(s, 50),
        Percentile.ofSorted(s, 90),
        Percentile.ofSorted(s, 99),
        s[0],
        s[n - 1]);
  }

  /** Half the width of the confidence interval: the "±" to print after the mean. */
  public double ciHalfWidth() {
    return (ciHigh - ciLow) / 2;
  }

  /** The standard error of the mean, s/√n (NaN for one sample). */
  public double standardError() {
    return stddev / Math.sqrt(n);
  }
}
