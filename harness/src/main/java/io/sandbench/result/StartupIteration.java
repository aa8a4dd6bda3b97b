package io.sandbench.result;

import java.util.List;

/**
 * One iteration of one configuration: its samples, whether it was a warm-up (kept, not counted),
 * and the harness's own CPU time per launched instance (its "limit" cost, as bucketbench reports).
 */
public record StartupIteration(
    int index, boolean warmup, long harnessCpuMicrosPerInstance, List<StartupSample> samples) {

  public StartupIteration {
    samples = List.copyOf(samples);
  }

  /** The article's figure: the mean time to first 200 of the instances that answered, in ms. */
  public double meanMillis() {
    return samples.stream()
        .filter(StartupSample::ok)
        .mapToLong(StartupSample::readyMicros)
        .average()
        .orElse(Double.NaN)
        / 1000.0;
  }

  public long failures() {
    return samples.stream().filter(s -> !s.ok()).count();
  }
}
