package io.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RatioTest {
  @Test
  void propagatesRelativeErrorsInQuadrature() {
    // 10±0.3 over 5±0.2: 2 × √(0.03² + 0.04²) = 2 × 0.05 = 0.1
    Ratio r = Ratio.of(10, 0.3, 5, 0.2);
    assertEquals(2, r.value(), 1e-12);
    assertEquals(0.1, r.error(), 1e-12);
  }

  @Test
  void ofMeansUsesStandardDeviations() {
    Summary a = Summary.of(new double[] {9, 11});
    Summary b = Summary.of(new double[] {5});
    Ratio r = Ratio.ofMeans(a, b);
    assertEquals(2, r.value(), 1e-12);
    assertEquals(2 * Math.sqrt(2) / 10, r.error(), 1e-12);
  }

  @Test
  void zeroDenominatorIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Ratio.of(1, 0, 0, 0));
  }
}
