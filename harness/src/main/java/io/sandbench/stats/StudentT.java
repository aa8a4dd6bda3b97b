package io.sandbench.stats;

/**
 * Student's t distribution: CDF through the regularized incomplete beta function, quantile by
 * bisection on the CDF. Exact to ~1e-10, so no table is needed for any degrees of freedom.
 */
public final class StudentT {
  private StudentT() {}

  /** P(T ≤ t) for {@code df} degrees of freedom (df > 0, may be fractional). */
  public static double cdf(double t, double df) {
    requireDf(df);
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return t > 0 ? 1 : 0;
    }
    double x = df / (df + t * t);
    double tail = 0.5 * IncompleteBeta.regularized(x, df / 2, 0.5);
    return t > 0 ? 1 - tail : tail;
  }

  /** The t with P(T ≤ t) = p, for 0 < p < 1. */
  public static double quantile(double p, double df) {
    requireDf(df);
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("t quantile: probability " + p + " is outside (0, 1)");
    }
    if (p == 0.5) {
      return 0;
    }
    // Symmetric: solve for the upper tail and mirror, which keeps the bracket positive.
    double q = p > 0.5 ? p : 1 - p;
    double lo = 0;
    double hi = 1;
    while (cdf(hi, df) < q) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid, df) < q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double t = (lo + hi) / 2;
    return p > 0.5 ? t : -t;
  }

  /** The two-sided critical value: t such that P(|T| ≤ t) = confidence (e.g. 0.95). */
  public static double critical(double confidence, double df) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence " + confidence + " is outside (0, 1)");
    }
    return quantile(0.5 + confidence / 2, df);
  }

  private static void requireDf(double df) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("t distribution: degrees of freedom " + df + " must be > 0");
    }
  }
}
