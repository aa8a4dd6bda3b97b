package io.sandbench.stats;

/**
 * a / b with its uncertainty propagated to first order, as hyperfine's relative speed:
 * σ(a/b) = (a/b)·√((σa/a)² + (σb/b)²), for independent a and b.
 */
public record Ratio(double value, double error) {

  /**
   * The ratio of two values with their standard deviations (or standard errors).
   *
   * @throws IllegalArgumentException when {@code b} is 0 or a value is not finite
   */
  public static Ratio of(double a, double errorA, double b, double errorB) {
    if (b == 0) {
      throw new IllegalArgumentException("ratio: the denominator is 0");
    }
    for (double v : new double[] {a, errorA, b, errorB}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("ratio: " + v + " is not a finite number");
      }
    }
    double r = a / b;
    double relA = a == 0 ? 0 : errorA / a;
    double err = a == 0 ? Math.abs(errorA / b) : Math.abs(r) * Math.hypot(relA, errorB / b);
    return new Ratio(r, err);
  }

  /**
   * Mean of a over mean of b, error from their standard deviations (hyperfine's convention;
   * one-sample summaries count as exact).
   */
  public static Ratio ofMeans(Summary a, Summary b) {
    return of(a.mean(), sdOrZero(a), b.mean(), sdOrZero(b));
  }

  private static double sdOrZero(Summary s) {
    return Double.isNaN(s.stddev()) ? 0 : s.stddev();
  }
}
