package io.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermutationTestTest {
  static final double[] A = {10.1, 10.3, 9.9, 10.0, 10.2, 10.4, 9.8, 10.1};
  static final double[] B_SLOWER = {11.16, 11.28, 10.91, 11.0, 11.23, 11.42, 10.81, 11.1};
  static final double[] C_SAME = {10.0, 10.2, 9.9, 10.1, 10.3, 9.8, 10.0, 10.2};

  @Test
  void clearlySeparatedGroupsGetANearMinimalPValue() {
    // scipy.stats.permutation_test(..., n_resamples=9999) gives 0.0002 = 2/(9999+1) here. Only the
    // observed split itself is as extreme (1 in C(16,8) = 12870 draws), so a few hits at most.
    PermutationTest t = PermutationTest.ofMeans(A, B_SLOWER, 1);
    assertTrue(t.pValue() >= 0.0002 && t.pValue() <= 0.0008, "p = " + t.pValue());
    assertEquals(1.01375, t.observed(), 1e-9);
  }

  @Test
  void sameDistributionIsNotSignificant() {
    // scipy: statistic -0.0375, p = 0.7972 (randomized; ours differs by sampling noise only).
    PermutationTest t = PermutationTest.ofMeans(A, C_SAME, 1);
    assertEquals(-0.0375, t.observed(), 1e-12);
    assertEquals(0.7972, t.pValue(), 0.03);
  }

  @Test
  void sameSeedSameResult() {
    PermutationTest a = PermutationTest.run(A, C_SAME, PermutationTest.Statistic.MEDIAN, 500, 42);
    PermutationTest b = PermutationTest.run(A, C_SAME, PermutationTest.Statistic.MEDIAN, 500, 42);
    assertEquals(a, b);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void nullHypothesisRejectedAboutAsOftenAsTheLevelSays(long seed) {
    // Under the null, p < 0.1 should happen in about 10 % of the trials (binomial, n = 100).
    Random rng = new Random(seed);
    int rejected = 0;
    for (int trial = 0; trial < 100; trial++) {
      double[] a = new double[6];
      double[] b = new double[6];
      for (int i = 0; i < 6; i++) {
        a[i] = rng.nextGaussian();
        b[i] = rng.nextGaussian();
      }
      if (PermutationTest.run(a, b, PermutationTest.Statistic.MEAN, 200, trial).pValue() < 0.1) {
        rejected++;
      }
    }
    assertTrue(rejected >= 2 && rejected <= 22, "rejected " + rejected + " of 100");
  }

  @Test
  void relativeChangeFlagsARegressionLikeFirecracker() {
    RelativeChange c = RelativeChange.of(A, B_SLOWER, 9999, 1);
    assertEquals(0.099, c.change(), 0.002);
    assertTrue(c.uncertainty() > 0 && c.uncertainty() < 0.03, c.toString());
    assertTrue(c.significant(), c.toString());
    assertFalse(RelativeChange.of(A, C_SAME, 9999, 1).significant());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PermutationTest.ofMeans(new double[0], A, 1));
    assertThrows(IllegalArgumentException.class, () -> PermutationTest.run(A, A, PermutationTest.Statistic.MEAN, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> RelativeChange.of(new double[] {0, 0}, A, 10, 1));
  }
}
