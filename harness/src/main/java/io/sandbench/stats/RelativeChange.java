package io.sandbench.stats;

/**
 * How much B differs from A, relative to A: (mean B − mean A) / mean A, with its uncertainty
 * propagated from the standard errors of both means (see {@link Ratio}), and the permutation test
 * that says whether the difference is more than noise.
 *
 * <p>{@link #significant()} follows Firecracker's A/B rule: a change counts when p &lt; {@value
 * #MAX_P_VALUE} and |change| &gt; {@value #MIN_CHANGE} (5 %). For a cost (time, memory) a
 * significant positive change is a regression.
 *
 * @param change relative change, e.g. 0.12 for +12 %
 * @param uncertainty one standard error of {@code change}
 * @param pValue two-sided p-value of the permutation test on the means
 */
public record RelativeChange(double change, double uncertainty, double pValue) {

  public static final double MAX_P_VALUE = 0.01;
  public static final double MIN_CHANGE = 0.05;

  /**
   * Compares B against A with a seeded permutation test of {@code permutations} shuffles.
   *
   * @throws IllegalArgumentException when a group is empty, a sample is not finite, or the mean of
   *     A is 0 (no relative change can be given)
   */
  public static RelativeChange of(double[] a, double[] b, int permutations, long seed) {
    Summary sa = Summary.of(a);
    Summary sb = Summary.of(b);
    if (sa.mean() == 0) {
      throw new IllegalArgumentException("relative change: the mean of A is 0");
    }
    Ratio r = Ratio.of(sb.mean(), seOrZero(sb), sa.mean(), seOrZero(sa));
    PermutationTest t = PermutationTest.run(a, b, PermutationTest.Statistic.MEAN, permutations, seed);
    return new RelativeChange(r.value() - 1, r.error(), t.pValue());
  }

  /** Whether the change is both statistically significant and larger than 5 %. */
  public boolean significant() {
    return pValue < MAX_P_VALUE && Math.abs(change) > MIN_CHANGE;
  }

  private static double seOrZero(Summary s) {
    return s.n() < 2 ? 0 : s.standardError();
  }
}
