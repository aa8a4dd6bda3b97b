package io.sandbench.cli;

import picocli.CommandLine.Command;

/** The top-level command: lists the subcommands, one line each. */
@Command(
    name = "sandbench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Measures what isolation costs: startup, idle memory and overhead under load.",
    subcommands = {
      // Subcommands, one per file.
      DoctorCommand.class,
      LoadCommand.class,
      MemoryCommand.class,
      MonitorCommand.class,
      RuntimesCommand.class,
      StartupCommand.class,
      SuiteCommand.class,
      RunsCommand.class,
      MergeCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      CheckCommand.class,
    })
public final class SandbenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
