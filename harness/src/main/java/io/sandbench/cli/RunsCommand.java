package io.sandbench.cli;

import io.sandbench.report.MarkdownTable;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.RunSummary;
import io.sandbench.store.StoredRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the runs in the results database. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List the runs in the results database.")
public final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (ResultsDb db = database.openForReading()) {
      List<RunSummary> runs = db.runs();
      if (runs.isEmpty()) {
        out.println("No runs in " + db.path() + " yet: sandbench suite examples/quick.yaml");
        return 0;
      }
      MarkdownTable t = new MarkdownTable("run", "started (UTC)", "status", "suite", "host",
          "units done", "failed", "runtimes skipped");
      for (RunSummary r : runs) {
        String status = r.status().equals(StoredRun.RUNNING)
            ? "incomplete (or running): --resume " + r.id() : r.status();
        t.row(r.id(), r.startedAt().toString(), status, r.suiteName(), r.hostname(), r.done(),
            r.failed(), r.skippedRuntimes());
      }
      out.print(t.render());
      return 0;
    }
  }
}
