package io.sandbench.runtime;

import io.sandbench.scenario.Workload;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a driver needs to prepare a scenario: the workload, a private work directory, the run id
 * (for unique names such as {@code sandbench-<run>-<i>}), the first port (instance i listens on
 * basePort + i), and driver options from {@code --runtime-opt key=value}.
 */
public record Setup(
    Workload workload, Path workDir, String runId, int basePort, Map<String, String> options) {

  public Setup {
    options = Map.copyOf(options);
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  public int port(int instanceId) {
    return basePort + instanceId;
  }
}
