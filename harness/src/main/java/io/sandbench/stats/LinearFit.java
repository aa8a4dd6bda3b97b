package io.sandbench.stats;

/**
 * Ordinary least squares y = intercept + slope·x, e.g. memory against the number of instances,
 * whose slope is the marginal cost of one more instance.
 *
 * @param slopeStdError the standard error of the slope, √(SSE/(n-2)) / √Sxx (NaN for two points)
 * @param rSquared the coefficient of determination, 1 - SSE/SST (1 when all y are equal and fit)
 */
public record LinearFit(int n, double slope, double intercept, double rSquared, double slopeStdError) {

  /**
   * Fits a line through the points (x[i], y[i]).
   *
   * @throws IllegalArgumentException for fewer than two points, arrays of different length,
   *     non-finite values, or when all x are equal (no slope can be fitted)
   */
  public static LinearFit of(double[] x, double[] y) {
    Samples.requireUsable(x, "linear fit x");
    Samples.requireUsable(y, "linear fit y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "linear fit: " + x.length + " x values but " + y.length + " y values");
    }
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("linear fit: need at least two points, got " + n);
    }
    double mx = Samples.mean(x);
    double my = Samples.mean(y);
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
      syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("linear fit: all x values are equal, no slope to fit");
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double sse = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - (intercept + slope * x[i]);
      sse += r * r;
    }
    double r2 = syy == 0 ? 1 : 1 - sse / syy;
    double se = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Double.NaN;
    return new LinearFit(n, slope, intercept, r2, se);
  }

  /** The fitted y at {@code x}. */
  public double predict(double x) {
    return intercept + slope * x;
  }
}
