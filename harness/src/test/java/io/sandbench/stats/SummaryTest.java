package io.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SummaryTest {
  @Test
  void matchesNumpyAndScipy() {
    double[] x = {12.1, 11.8, 13.4, 12.9, 12.2, 15.7, 11.9, 12.5, 12.0, 13.1};
    Summary s = Summary.of(x);
    // numpy 2.4.6: mean, std(ddof=1), percentile(50/90/99); scipy t.ppf(0.975, 9) for the CI.
    assertEquals(10, s.n());
    assertEquals(12.76, s.mean(), 1e-12);
    assertEquals(1.166380917386959, s.stddev(), 1e-12);
    assertEquals(11.925621355754839, s.ciLow(), 1e-9);
    assertEquals(13.594378644245161, s.ciHigh(), 1e-9);
    assertEquals(12.35, s.median(), 1e-12);
    assertEquals(13.63, s.p90(), 1e-12);
    assertEquals(15.493, s.p99(), 1e-12);
    assertEquals(11.8, s.min());
    assertEquals(15.7, s.max());
  }

  @Test
  void doesNotReorderTheCallersArray() {
    double[] x = {3, 1, 2};
    Summary.of(x);
    assertEquals(3, x[0]);
  }

  @Test
  void oneSampleHasNoSpreadAndNoInterval() {
    Summary s = Summary.of(new double[] {42});
    assertEquals(42, s.mean());
    assertEquals(42, s.median());
    assertEquals(42, s.p99());
    assertTrue(Double.isNaN(s.stddev()));
    assertTrue(Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
  }

  @Test
  void allEqualSamplesHaveAZeroWidthInterval() {
    Summary s = Summary.of(new double[] {5, 5, 5, 5});
    assertEquals(0, s.stddev());
    assertEquals(5, s.ciLow());
    assertEquals(5, s.ciHigh());
    assertEquals(5, s.p90());
  }

  @Test
  void emptyIsRefusedWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
    assertTrue(e.getMessage().contains("no samples"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
  void nonFiniteSamplesAreRefused(double bad) {
    assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[] {1, bad}));
  }

  @Test
  void percentilesAreOrderedAndInsideTheRange() {
    Random rng = new Random(7);
    for (int round = 0; round < 200; round++) {
      double[] x = new double[1 + rng.nextInt(50)];
      for (int i = 0; i < x.length; i++) {
        x[i] = rng.nextGaussian() * 10 + 100;
      }
      Summary s = Summary.of(x);
      assertTrue(s.min() <= s.median() && s.median() <= s.p90(), s.toString());
      assertTrue(s.p90() <= s.p99() && s.p99() <= s.max(), s.toString());
      if (x.length > 1) {
        assertTrue(s.ciLow() <= s.mean() && s.mean() <= s.ciHigh(), s.toString());
      }
    }
  }

  @Test
  void percentileInterpolatesLinearlyBetweenClosestRanks() {
    double[] x = {1, 2, 3, 4};
    // numpy.percentile([1,2,3,4], [0, 25, 50, 90, 100]) = 1, 1.75, 2.5, 3.7, 4
    assertEquals(1, Percentile.of(x, 0));
    assertEquals(1.75, Percentile.of(x, 25), 1e-12);
    assertEquals(2.5, Percentile.of(x, 50), 1e-12);
    assertEquals(3.7, Percentile.of(x, 90), 1e-12);
    assertEquals(4, Percentile.of(x, 100));
    assertThrows(IllegalArgumentException.class, () -> Percentile.of(x, 101));
  }
}
