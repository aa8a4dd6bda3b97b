package io.sandbench.workload.webc;

/**
 * A fixed-size log-linear histogram of non-negative values (nanoseconds here), HdrHistogram's idea
 * in a page of code: values below 2048 are counted exactly; above, each power-of-two range is cut
 * into 1024 equal buckets, so a value is known to within 1/1024 of itself (three significant
 * digits and more). Up to 2^40 (about 18 minutes in ns); larger values count as 2^40 - 1.
 *
 * <p>Not thread-safe: each load connection records into its own and they are {@link #add added}
 * at the end. 32 K counters, 256 KiB.
 */
public final class LatencyHistogram {
  private static final int SUB_BITS = 10; // 1024 buckets per power of two above the linear range
  private static final int SUB_COUNT = 1 << SUB_BITS;
  private static final int LINEAR = 2 * SUB_COUNT; // values below this have a bucket each
  private static final int MAX_BITS = 40;
  static final long MAX_VALUE = (1L << MAX_BITS) - 1;

  private final long[] counts = new long[index(MAX_VALUE) + 1];
  private long total;
  private long min = Long.MAX_VALUE;
  private long max;
  private double sum;

  /** Counts one value; negative values count as 0 (a clock that stepped back). */
  public void record(long value) {
    long v = value < 0 ? 0 : Math.min(value, MAX_VALUE);
    counts[index(v)]++;
    total++;
    sum += v;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }

  /** Adds every count of {@code other} to this one. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /**
   * A copy corrected for coordinated omission the way wrk 4 and HdrHistogram do it for a closed
   * loop: a value v above the expected interval between sends also counts as v - interval, v - 2
   * interval, ... while above the interval (the requests a slow answer kept from being sent). Only to
   * compare with such tools; the open loop measures from scheduled send times instead.
   */
  public LatencyHistogram correctedFor(long expectedInterval) {
    LatencyHistogram c = new LatencyHistogram();
    c.add(this);
    if (expectedInterval <= 0) {
      return c;
    }
    for (int i = 0; i < counts.length; i++) {
      long n = counts[i];
      if (n == 0) {
        continue;
      }
      long v = Math.min(highestInBucket(i), max);
      for (long missing = v - expectedInterval; missing > expectedInterval;
          missing -= expectedInterval) {
        c.counts[index(missing)] += n;
        c.total += n;
        c.sum += (double) missing * n;
      }
    }
    return c;
  }

  public long count() {
    return total;
  }

  /** The largest value recorded (exactly), 0 when empty. */
  public long max() {
    return max;
  }

  /** The smallest value recorded (exactly), 0 when empty. */
  public long min() {
    return total == 0 ? 0 : min;
  }

  public double mean() {
    return total == 0 ? 0 : sum / total;
  }

  /**
   * The value at {@code percentile} (0..100] by nearest rank: the smallest recorded value with at
   * least that share of all values at or below it, reported as the highest value of its bucket
   * (never above the largest value recorded). 0 when empty.
   */
  public long valueAt(double percentile) {
    if (total == 0) {
      return 0;
    }
    double p = Math.min(100, Math.max(0, percentile));
    // ceil, forgiving the rounding of p / 100 (99.9% of 1000 is rank 999, not 1000)
    long rank = Math.max(1, (long) Math.ceil(p / 100 * total - 1e-9));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(highestInBucket(i), max);
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // >= 1: v >> shift in [1024, 2048)
    return LINEAR + (shift - 1) * SUB_COUNT + (int) ((v >> shift) - SUB_COUNT);
  }

  static long lowestInBucket(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / SUB_COUNT + 1;
    long sub = (index - LINEAR) % SUB_COUNT + SUB_COUNT;
    return sub << shift;
  }

  static long highestInBucket(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / SUB_COUNT + 1;
    return lowestInBucket(index) + (1L << shift) - 1;
  }
}
