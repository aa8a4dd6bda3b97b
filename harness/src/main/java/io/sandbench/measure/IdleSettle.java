package io.sandbench.measure;

import io.sandbench.proc.ProcessTree;
import io.sandbench.proc.TreeSample;
import io.sandbench.proc.TreeSampler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Waits until freshly started instances are idle: their trees' CPU, averaged per instance over the
 * last second, at most {@value #IDLE_PERCENT} % of one core. Bounded: a runtime that never goes
 * quiet (a VM's timer ticks) is measured when the bound passes, and the result says so.
 */
final class IdleSettle {
  static final double IDLE_PERCENT = 1.0;
  private static final Duration STEP = Duration.ofMillis(250);
  private static final int WINDOW = 4; // one second of steps

  /** Whether it went idle in time, how long it took, and the last per-instance CPU %. */
  record Outcome(boolean settled, long millis, double cpuPercentPerInstance) {}

  private IdleSettle() {}

  static Outcome await(List<ProcessTree> trees, ProcessTree shared, Duration bound) {
    long start = System.nanoTime();
    if (bound.isZero()) {
      return new Outcome(false, 0, Double.NaN);
    }
    try (TreeSampler sampler = new TreeSampler(trees, shared)) {
      return await(sampler, trees.size(), start, bound);
    }
  }

  private static Outcome await(TreeSampler sampler, int instances, long start, Duration bound) {
    ArrayDeque<Double> window = new ArrayDeque<>();
    double last = Double.NaN;
    long until = start + bound.toNanos();
    while (true) {
      sleep(STEP);
      TreeSample s = sampler.sample();
      window.addLast(s.total().cpuPercent() / Math.max(1, instances));
      if (window.size() > WINDOW) {
        window.removeFirst();
      }
      if (window.size() == WINDOW) {
        last = window.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (last <= IDLE_PERCENT) {
          return new Outcome(true, millisSince(start), last);
        }
      }
      if (System.nanoTime() >= until) {
        return new Outcome(false, millisSince(start), last);
      }
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the instances to go idle");
    }
  }
}
