package io.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutliersTest {
  private static final double[] NORMAL = {
    2.33269488, 1.42195907, -0.57527698, -0.31293437, 2.2948158,
    0.75813273, -1.0712388, -0.96394741, -1.15897446, 1.10976285
  };

  @Test
  void normalSamplesHaveNone() {
    Outliers o = Outliers.of(NORMAL);
    assertFalse(o.any());
    assertEquals("", o.warning());
    assertEquals(NORMAL.length, o.scores().size());
  }

  @Test
  void findsTwoAddedFarAway() {
    double[] x = java.util.Arrays.copyOf(NORMAL, 12);
    x[10] = 20;
    x[11] = -500;
    Outliers o = Outliers.of(x);
    assertEquals(List.of(10, 11), o.indices());
    assertTrue(o.warning().startsWith("2 of 12 samples are statistical outliers"), o.warning());
  }

  @Test
  void oneSlowStartAmongSteadyOnes() {
    assertEquals(List.of(0), Outliers.of(new double[] {0.5, 0.30, 0.29, 0.31, 0.30}).indices());
    assertEquals(List.of(3), Outliers.of(new double[] {-0.2, 0.0, 0.2, 4.0}).indices());
    assertFalse(Outliers.of(new double[] {-0.2, 0.0, 0.2}).any());
  }

  @Test
  void zeroMadMakesEveryDifferentSampleAnOutlier() {
    double[] x = {10, 10, 10, 10, 10, 10, 10, 100, 100};
    Outliers o = Outliers.of(x);
    assertEquals(List.of(7, 8), o.indices());
    assertEquals(Double.POSITIVE_INFINITY, o.scores().get(7));
    assertEquals(0.0, o.scores().get(0));
  }

  @Test
  void tinySetsAndEqualSamplesHaveNone() {
    assertFalse(Outliers.of(new double[] {50}).any());
    assertFalse(Outliers.of(new double[] {1000, 0}).any());
    assertFalse(Outliers.of(new double[] {3, 3, 3}).any());
  }

  @Test
  void emptyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Outliers.of(new double[0]));
  }
}
