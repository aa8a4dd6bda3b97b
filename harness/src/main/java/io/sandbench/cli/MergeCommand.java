package io.sandbench.cli;

import io.sandbench.store.ResultsDb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Copies the runs of other databases (e.g. from other hosts) into one. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Copy every run of SOURCE databases into TARGET (created if absent).")
public final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET", description = "The database to merge into.")
  Path target;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "SOURCE",
      description = "Databases whose runs are copied; runs already in TARGET are left alone.")
  List<Path> sources;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (ResultsDb db = ResultsDb.open(target)) {
      for (Path s : sources) {
        ResultsDb.MergeOutcome o = db.mergeFrom(s);
        out.println(s + ": " + o.added().size() + " runs added"
            + (o.alreadyPresent().isEmpty() ? ""
                : ", " + o.alreadyPresent().size() + " already present")
            + (o.added().isEmpty() ? "" : " (" + String.join(", ", o.added()) + ")"));
      }
      return 0;
    }
  }
}
