package io.sandbench.stats;

/** The regularized incomplete beta function I_x(a, b), by Lentz's continued fraction. */
final class IncompleteBeta {
  private static final double EPS = 1e-15;
  private static final double TINY = 1e-300;

  private IncompleteBeta() {}

  static double regularized(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double logFront =
        LogGamma.of(a + b) - LogGamma.of(a) - LogGamma.of(b) + a * Math.log(x) + b * Math.log1p(-x);
    // The fraction converges fast for x < (a+1)/(a+b+2); otherwise use I_x(a,b) = 1 - I_{1-x}(b,a).
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(logFront) * fraction(x, a, b) / a;
    }
    return 1 - Math.exp(logFront) * fraction(1 - x, b, a) / b;
  }

  private static double fraction(double x, double a, double b) {
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + num / c;
      c = Math.abs(c) < TINY ? TINY : c;
      h *= d * c;
      num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + num / c;
      c = Math.abs(c) < TINY ? TINY : c;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        break;
      }
    }
    return h;
  }
}
