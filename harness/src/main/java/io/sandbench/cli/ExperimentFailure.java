package io.sandbench.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * How memory and monitor end: 0 when measured; 1, with one line saying why, when an instance
 * failed (exited, never answered), which their experiments report as IllegalStateException.
 */
final class ExperimentFailure {
  private ExperimentFailure() {}

  static int exitCode(CommandSpec spec, String experiment, Runnable measure) {
    try {
      measure.run();
      return 0;
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("sandbench: " + experiment + " failed: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
