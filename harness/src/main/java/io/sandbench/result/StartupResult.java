package io.sandbench.result;

import java.util.List;

/** A whole startup run: where and how it ran, and every configuration of the scan. */
public record StartupResult(RunInfo run, List<StartupConfiguration> configurations) {
  public StartupResult {
    configurations = List.copyOf(configurations);
  }
}
