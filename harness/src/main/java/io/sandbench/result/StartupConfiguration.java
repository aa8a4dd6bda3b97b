package io.sandbench.result;

import io.sandbench.stats.Outliers;
import io.sandbench.stats.Summary;
import java.util.List;

/**
 * One point of the scan: N instances launched with one stagger, over all iterations. Statistics
 * are derived from the raw samples of the measured (non-warm-up) iterations, never stored apart.
 */
public record StartupConfiguration(int instances, String stagger, List<StartupIteration> iterations) {

  public StartupConfiguration {
    iterations = List.copyOf(iterations);
  }

  /** Times to first 200 in ms of every answering instance in measured iterations. */
  public double[] readyMillis() {
    return iterations.stream()
        .filter(i -> !i.warmup())
        .flatMap(i -> i.samples().stream())
        .filter(StartupSample::ok)
        .mapToDouble(s -> s.readyMicros() / 1000.0)
        .toArray();
  }

  /** Summary of {@link #readyMillis()}, or null when no instance answered. */
  public Summary summary() {
    double[] ms = readyMillis();
    return ms.length == 0 ? null : Summary.of(ms);
  }

  public Outliers outliers() {
    double[] ms = readyMillis();
    return ms.length == 0 ? null : Outliers.of(ms);
  }

  public long failures() {
    return iterations.stream().filter(i -> !i.warmup()).mapToLong(StartupIteration::failures).sum();
  }

  /** Mean harness CPU per launched instance over measured iterations, in µs. */
  public double harnessCpuMicrosPerInstance() {
    return iterations.stream()
        .filter(i -> !i.warmup())
        .mapToLong(StartupIteration::harnessCpuMicrosPerInstance)
        .average()
        .orElse(Double.NaN);
  }
}
