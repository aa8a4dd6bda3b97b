package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.report.AtomicFile;
import io.sandbench.report.RunComparison;
import io.sandbench.report.RunData;
import io.sandbench.store.ResultsDb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A/B: run B against run A; exit 1 when B regressed. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare run B against run A (permutation test, p < 0.01 and a noise threshold);"
        + " exit 1 on a regression.")
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOption database;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "The baseline run.")
  String runA;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The run judged against it.")
  String runB;

  @Option(names = "--threshold", defaultValue = "5%", paramLabel = "PERCENT",
      description = "Changes smaller than this are noise. Default: ${DEFAULT-VALUE}.")
  String threshold;

  @Option(names = "--permutations", defaultValue = "9999",
      description = "Permutation-test resamples. Default: ${DEFAULT-VALUE}.")
  int permutations;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown here.")
  Path markdown;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the comparison as JSON here.")
  Path json;

  @Override
  public Integer call() {
    double t = percent("--threshold", threshold);
    if (permutations < 99) {
      throw new UserError("--permutations must be at least 99 to reach p < 0.01, got " + permutations);
    }
    if (markdown != null) {
      AtomicFile.checkWritable(markdown);
    }
    if (json != null) {
      AtomicFile.checkWritable(json);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ResultsDb db = database.openForReading()) {
      RunComparison c = RunComparison.of(RunData.load(db, runA), RunData.load(db, runB), t,
          permutations);
      String md = c.markdown();
      out.print(md);
      if (markdown != null) {
        AtomicFile.writeString(markdown, md);
      }
      if (json != null) {
        AtomicFile.writeString(json, c.json());
      }
      return c.regressions() > 0 ? 1 : 0;
    }
  }

  /** "5%" or "5" → 0.05. */
  static double percent(String flag, String text) {
    String s = text.strip();
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    try {
      double v = Double.parseDouble(s) / 100;
      if (v < 0 || !Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UserError(flag + ": '" + text + "' is not a percentage such as 5%");
    }
  }
}
