package io.sandbench.runtime;

import java.util.List;

/**
 * Boot phases of an instance, as offsets from its launch: e.g. vmm-start, kernel-start, init,
 * workload-listening. Offsets are in microseconds.
 */
public record BootTimeline(List<Mark> marks) {
  public record Mark(String name, long micros) {}

  public BootTimeline {
    marks = List.copyOf(marks);
  }
}
