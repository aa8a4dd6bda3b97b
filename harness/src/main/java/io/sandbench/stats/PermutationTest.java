package io.sandbench.stats;

import java.util.Random;

/**
 * Two-sample permutation test of "A and B come from the same distribution", as Firecracker's A/B
 * performance tests do it (scipy's {@code permutation_test} with the statistic B − A).
 *
 * <p>The observed statistic is {@code stat(B) − stat(A)}. The pooled samples are shuffled
 * {@code permutations} times and split again into groups of the original sizes; each gives one
 * value of the statistic under the null hypothesis. One-sided p-values count the permuted values at
 * least as extreme as the observed one, plus one for the observed split itself (so p is never 0):
 * p≥ = (#{null ≥ obs} + 1) / (permutations + 1), likewise p≤, and the two-sided p-value is
 * min(1, 2·min(p≥, p≤)). The RNG is seeded, so a result can be reproduced exactly.
 *
 * @param observed stat(B) − stat(A) on the samples as given
 * @param pValue the two-sided p-value
 */
public record PermutationTest(Statistic statistic, double observed, double pValue, int permutations) {

  /** Firecracker's default number of resamples. */
  public static final int DEFAULT_PERMUTATIONS = 9999;

  /** What is compared between the two groups. */
  public enum Statistic {
    MEAN,
    MEDIAN;

    double of(double[] xs, int from, int to) {
      double[] part = java.util.Arrays.copyOfRange(xs, from, to);
      if (this == MEAN) {
        return Samples.mean(part);
      }
      java.util.Arrays.sort(part);
      return Percentile.ofSorted(part, 50);
    }
  }

  /**
   * Runs the test.
   *
   * @throws IllegalArgumentException when a group is empty or has a non-finite sample, or
   *     {@code permutations} is below 1
   */
  public static PermutationTest run(
      double[] a, double[] b, Statistic statistic, int permutations, long seed) {
    Samples.requireUsable(a, "permutation test, sample A");
    Samples.requireUsable(b, "permutation test, sample B");
    if (permutations < 1) {
      throw new IllegalArgumentException(
          "permutation test: permutations must be at least 1, got " + permutations);
    }
    int na = a.length;
    double[] pooled = new double[na + b.length];
    System.arraycopy(a, 0, pooled, 0, na);
    System.arraycopy(b, 0, pooled, na, b.length);
    double observed = statistic.of(pooled, na, pooled.length) - statistic.of(pooled, 0, na);
    // Tolerance so that permutations equal to the observed split up to rounding count as ties.
    double tol = 1e-12 * Math.max(1, Math.abs(observed));
    Random rng = new Random(seed);
    long atLeast = 0;
    long atMost = 0;
    for (int p = 0; p < permutations; p++) {
      shuffle(pooled, rng);
      double d = statistic.of(pooled, na, pooled.length) - statistic.of(pooled, 0, na);
      if (d >= observed - tol) {
        atLeast++;
      }
      if (d <= observed + tol) {
        atMost++;
      }
    }
    double pGreater = (atLeast + 1.0) / (permutations + 1.0);
    double pLess = (atMost + 1.0) / (permutations + 1.0);
    return new PermutationTest(statistic, observed, Math.min(1, 2 * Math.min(pGreater, pLess)), permutations);
  }

  /** {@link #run} comparing means with {@value #DEFAULT_PERMUTATIONS} permutations. */
  public static PermutationTest ofMeans(double[] a, double[] b, long seed) {
    return run(a, b, Statistic.MEAN, DEFAULT_PERMUTATIONS, seed);
  }

  private static void shuffle(double[] xs, Random rng) {
    for (int i = xs.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
  }
}
