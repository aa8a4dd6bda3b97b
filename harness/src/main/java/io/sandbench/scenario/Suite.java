package io.sandbench.scenario;

import java.util.List;

/**
 * A validated suite: runtimes × workloads × experiments, the file it came from and its exact
 * text (stored with every run, so a run can be resumed and re-read as it was).
 */
public record Suite(
    String name,
    String file,
    String text,
    int basePort,
    List<SuiteRuntime> runtimes,
    List<String> workloads,
    String command,
    List<ExperimentSpec> experiments) {

  public Suite {
    runtimes = List.copyOf(runtimes);
    workloads = List.copyOf(workloads);
    experiments = List.copyOf(experiments);
  }

  /** The most instances any experiment runs at once. */
  public int maxInstances() {
    return experiments.stream().mapToInt(ExperimentSpec::maxInstances).max().orElse(1);
  }
}
