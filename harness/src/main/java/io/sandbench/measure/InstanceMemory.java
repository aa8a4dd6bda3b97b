package io.sandbench.measure;

import io.sandbench.proc.ProcessMemory;
import java.util.List;

/** Every process of one instance's tree, as measured at one step. */
public record InstanceMemory(int id, List<ProcessMemory> processes) {
  public InstanceMemory {
    processes = List.copyOf(processes);
  }

  public MemoryFigures total() {
    return MemoryFigures.sum(processes);
  }
}
