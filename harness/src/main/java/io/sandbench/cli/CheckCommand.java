package io.sandbench.cli;

import io.sandbench.report.BaselineCheck;
import io.sandbench.report.RunData;
import io.sandbench.scenario.BaselineFile;
import io.sandbench.scenario.Bound;
import io.sandbench.scenario.InvalidSuite;
import io.sandbench.scenario.SuiteError;
import io.sandbench.store.ResultsDb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Holds a run against a baseline file's bounds (Kata's checkmetrics); exit 1 when one breaks. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check a run against bounds per metric (min/max or mid ± %%); exit 1 when one"
        + " is broken.")
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOption database;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run to check (or latest).")
  String runId;

  @Option(names = "--baseline", required = true, paramLabel = "FILE",
      description = "YAML list of bounds (see examples/baseline.yaml).")
  Path baseline;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Bound> bounds;
    try {
      bounds = BaselineFile.read(baseline);
    } catch (InvalidSuite e) {
      for (SuiteError error : e.errors()) {
        spec.commandLine().getErr().println(error);
      }
      return Main.BAD_INPUT;
    }
    try (ResultsDb db = database.openForReading()) {
      BaselineCheck c = BaselineCheck.of(RunData.load(db, runId), bounds);
      out.print(c.markdown());
      return c.broken() == 0 ? 0 : 1;
    }
  }
}
