package io.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearFitTest {
  @Test
  void matchesScipyLinregress() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] y = {100.2, 131.0, 160.9, 190.1, 221.7, 250.3, 279.8, 311.0};
    LinearFit f = LinearFit.of(x, y);
    assertEquals(29.992857142857144, f.slope(), 1e-10);
    assertEquals(70.65714285714284, f.intercept(), 1e-9);
    assertEquals(0.9999271437080152, f.rSquared(), 1e-12);
    assertEquals(0.10451811460781558, f.slopeStdError(), 1e-10);
    assertEquals(70.65714285714284 + 29.992857142857144 * 10, f.predict(10), 1e-8);
  }

  @Test
  void exactLineFitsPerfectly() {
    LinearFit f = LinearFit.of(new double[] {0, 1, 2}, new double[] {5, 7, 9});
    assertEquals(2, f.slope(), 1e-12);
    assertEquals(5, f.intercept(), 1e-12);
    assertEquals(1, f.rSquared(), 1e-12);
    assertEquals(0, f.slopeStdError(), 1e-12);
  }

  @Test
  void twoPointsHaveNoSlopeError() {
    LinearFit f = LinearFit.of(new double[] {1, 2}, new double[] {1, 3});
    assertEquals(2, f.slope(), 1e-12);
    assertTrue(Double.isNaN(f.slopeStdError()));
  }

  @Test
  void refusesWhatCannotBeFitted() {
    assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[0], new double[0]));
  }
}
