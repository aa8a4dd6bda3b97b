package io.sandbench.measure;

import io.sandbench.proc.ProcessMemory;
import java.util.List;

/**
 * The memory with {@code instances} instances running and idle: each instance's processes, and the
 * daemons shared by all of them ({@code shared}), counted once. {@code settled} says whether their
 * CPU fell to about nothing within the settle bound; {@code idleCpuPercent} is the last figure,
 * per instance (percent of one core).
 */
public record MemoryStep(
    int instances,
    boolean settled,
    long settleMillis,
    double idleCpuPercent,
    List<InstanceMemory> perInstance,
    List<ProcessMemory> shared) {

  public MemoryStep {
    perInstance = List.copyOf(perInstance);
    shared = List.copyOf(shared);
  }

  /** Everything the runtime uses at this step: all instances plus the shared daemons. */
  public MemoryFigures total() {
    MemoryFigures t = MemoryFigures.sum(shared);
    for (InstanceMemory i : perInstance) {
      t = t.plus(i.total());
    }
    return t;
  }
}
