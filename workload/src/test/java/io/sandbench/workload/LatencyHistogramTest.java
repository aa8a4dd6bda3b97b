package io.sandbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.workload.webc.LatencyHistogram;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyHistogramTest {
  private static final double[] PERCENTILES = {0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100};

  /** Seeded random data of several shapes against exact nearest-rank percentiles. */
  @ParameterizedTest
  @CsvSource({
    "1, uniform-small, 1000",
    "2, uniform-wide, 20000",
    "3, lognormal, 50000",
    "4, lognormal, 7",
    "5, bimodal, 30000",
    "6, huge, 5000"
  })
  void percentilesAreWithinATenthOfAPercent(long seed, String shape, int n) {
    Random random = new Random(seed);
    long[] values = new long[n];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < n; i++) {
      values[i] = draw(random, shape);
      h.record(values[i]);
    }
    Arrays.sort(values);
    assertEquals(n, h.count());
    assertEquals(values[n - 1], h.max());
    assertEquals(values[0], h.min());
    for (double p : PERCENTILES) {
      long exact = values[(int) Math.max(0, Math.ceil(p / 100 * n - 1e-9) - 1)];
      long got = h.valueAt(p);
      // Three significant digits and more: the bucket of a value is at most 1/1024 of it wide.
      assertTrue(got >= exact && got <= exact + exact / 1024,
          shape + " p" + p + ": exact " + exact + ", histogram " + got);
    }
  }

  private static long draw(Random r, String shape) {
    return switch (shape) {
      case "uniform-small" -> r.nextInt(3000);
      case "uniform-wide" -> (long) (r.nextDouble() * 5e9);
      case "lognormal" -> (long) Math.exp(10 + 1.5 * r.nextGaussian());
      case "bimodal" -> r.nextBoolean() ? 40_000 + r.nextInt(5000) : 2_000_000 + r.nextInt(900_000);
      case "huge" -> (long) (r.nextDouble() * 1e12);
      default -> throw new IllegalArgumentException(shape);
    };
  }

  @Test
  void mergingEqualsRecordingIntoOne() {
    Random random = new Random(7);
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    LatencyHistogram all = new LatencyHistogram();
    for (int i = 0; i < 10_000; i++) {
      long v = (long) Math.exp(8 + 2 * random.nextGaussian());
      (i % 3 == 0 ? a : b).record(v);
      all.record(v);
    }
    a.add(b);
    for (double p : PERCENTILES) {
      assertEquals(all.valueAt(p), a.valueAt(p), "p" + p);
    }
    assertEquals(all.count(), a.count());
    assertEquals(all.max(), a.max());
    assertEquals(all.mean(), a.mean(), 1e-6 * all.mean());
  }

  @Test
  void correctionAddsTheSendsASlowAnswerHeldBackLikeWrk() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 10; i++) {
      h.record(100);
    }
    h.record(1000);
    LatencyHistogram c = h.correctedFor(100);
    // wrk 4's stats_correct: 1000 also counts as 900, 800, ..., 200 (above the interval).
    assertEquals(11 + 8, c.count());
    assertEquals(100, c.valueAt(50));
    assertEquals(200, c.valueAt(100.0 * 11 / 19));
    assertEquals(900, c.valueAt(100.0 * 18 / 19));
    assertEquals(1000, c.max());
    assertEquals(11, h.count()); // the original stays as it was
    assertEquals(h.count(), h.correctedFor(0).count());
  }

  @Test
  void emptyNegativeAndTooLargeValues() {
    LatencyHistogram h = new LatencyHistogram();
    assertEquals(0, h.valueAt(50));
    assertEquals(0, h.max());
    h.record(-5);
    h.record(Long.MAX_VALUE);
    assertEquals(0, h.valueAt(50));
    assertEquals((1L << 40) - 1, h.valueAt(100));
  }

  @Test
  void exactBelow2048() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 0; v < 2048; v++) {
      h.record(v);
    }
    for (int v = 1; v <= 2048; v++) {
      assertEquals(v - 1, h.valueAt(100.0 * v / 2048));
    }
  }
}
