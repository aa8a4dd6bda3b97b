package io.sandbench.measure;

import java.util.List;

/** Everything the monitor recorded: the raw samples, the phases, and the summary derived from them. */
public record LoadResult(
    String runtime, List<LoadSample> samples, List<LoadPhase> phases, LoadSummary summary) {
  public LoadResult {
    samples = List.copyOf(samples);
    phases = List.copyOf(phases);
  }
}
