package io.sandbench.stats;

import java.util.Arrays;

/** Checks shared by the statistics: a sample set must be non-empty and finite. */
final class Samples {
  private Samples() {}

  /** A sorted copy of {@code samples}; refuses an empty or non-finite set with a clear message. */
  static double[] sortedCopy(double[] samples, String what) {
    requireUsable(samples, what);
    double[] s = samples.clone();
    Arrays.sort(s);
    return s;
  }

  static void requireUsable(double[] samples, String what) {
    if (samples == null || samples.length == 0) {
      throw new IllegalArgumentException(what + ": no samples (need at least one)");
    }
    for (double v : samples) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(what + ": sample " + v + " is not a finite number");
      }
    }
  }

  static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  /** Sample variance (divides by n-1); NaN for one sample. Two-pass for accuracy. */
  static double variance(double[] xs) {
    if (xs.length < 2) {
      return Double.NaN;
    }
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    return ss / (xs.length - 1);
  }
}
