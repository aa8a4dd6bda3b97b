package io.sandbench.measure;

import java.util.List;

/** One ramp of instances on one runtime: the steps measured and the marginal cost they give. */
public record MemoryRun(String runtime, List<MemoryStep> steps, MarginalCost marginal) {
  public MemoryRun {
    steps = List.copyOf(steps);
  }
}
