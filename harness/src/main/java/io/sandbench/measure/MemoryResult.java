package io.sandbench.measure;

import io.sandbench.result.RunInfo;
import java.util.Optional;

/**
 * The memory experiment's result: the ramp on the runtime asked, the native ramp of the same
 * workload measured in the same run (absent when the runtime asked is native), and the runtime's
 * overhead: its marginal cost minus native's.
 */
public record MemoryResult(RunInfo info, MemoryRun measured, Optional<MemoryRun> nativeRun) {

  public Optional<MarginalCost> overhead() {
    return nativeRun.map(n -> measured.marginal().minus(n.marginal()));
  }
}
