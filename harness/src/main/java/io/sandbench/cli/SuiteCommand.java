package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.host.Host;
import io.sandbench.measure.SuiteRunner;
import io.sandbench.report.AtomicFile;
import io.sandbench.report.HtmlReport;
import io.sandbench.report.RunData;
import io.sandbench.report.StartupComparisonTable;
import io.sandbench.scenario.InvalidSuite;
import io.sandbench.scenario.Suite;
import io.sandbench.scenario.SuiteError;
import io.sandbench.scenario.SuiteFile;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.StoredRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a suite file (runtimes × workloads × experiments) into the results database. */
@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    description = "Run a suite file (runtimes x workloads x experiments) into the results database.")
public final class SuiteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOption database;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "The suite (YAML), e.g. examples/quick.yaml. With --resume: may be omitted.")
  Path file;

  @Option(names = "--resume", paramLabel = "RUN",
      description = "Continue an interrupted run: only the units it has not finished are run.")
  String resume;

  @Option(names = "--check", description = "Only validate the file; run nothing.")
  boolean checkOnly;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write the run's HTML report here when it ends (see: sandbench report).")
  Path html;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (file == null && resume == null) {
      throw new UserError("give a suite file (sandbench suite examples/quick.yaml) or --resume RUN");
    }
    Suite suite;
    try {
      suite = file == null ? null : SuiteFile.read(file);
    } catch (InvalidSuite e) {
      for (SuiteError error : e.errors()) {
        err.println(error);
      }
      return Main.BAD_INPUT;
    }
    if (checkOnly) {
      if (suite == null) {
        throw new UserError("--check needs a suite file");
      }
      out.println(suite.file() + ": " + SuiteRunner.plan(suite).size() + " units, "
          + suite.runtimes().size() + " runtimes, " + suite.workloads().size() + " workloads");
      return 0;
    }
    if (html != null) {
      AtomicFile.checkWritable(html);
    }
    try (ResultsDb db = database.openForWriting()) {
      String runId;
      if (resume != null) {
        StoredRun run = db.requireRun(resume);
        Suite stored = SuiteFile.parse(run.suiteFile(), run.suiteText());
        if (suite != null && !suite.text().equals(stored.text())) {
          throw new UserError(file + " has changed since run " + resume
              + " started; resume without FILE to use the suite as it was then");
        }
        suite = stored;
        runId = run.id();
        db.setRunStatus(runId, StoredRun.RUNNING, null);
        err.println("sandbench: resuming run " + runId + " of " + suite.file());
      } else {
        runId = SuiteRunner.start(suite, db, Host.detect());
        err.println("sandbench: run " + runId + " of " + suite.file() + " into " + db.path()
            + " (if interrupted: sandbench suite --resume " + runId + ")");
      }
      err.flush();
      SuiteRunner.Outcome o =
          new SuiteRunner(suite, db, runId, line -> {
            err.println(line);
            err.flush();
          }).run();
      RunData data = RunData.load(db, runId);
      out.println();
      out.println("Run " + runId + ": " + o.ran() + " units measured"
          + (o.alreadyDone() > 0 ? ", " + o.alreadyDone() + " done before" : "")
          + (o.failed() > 0 ? ", " + o.failed() + " failed" : "")
          + (o.skippedRuntimes() > 0 ? ", " + o.skippedRuntimes() + " runtimes skipped" : ""));
      out.print(StartupComparisonTable.of(data).markdown());
      out.println();
      if (html != null) {
        AtomicFile.writeString(html, HtmlReport.render(data, s -> db.series(s.runId(), s.key())));
        out.println("HTML report: " + html);
      } else {
        out.println("Report: ./sandbench report " + runId
            + (database.db == null ? "" : " --db " + database.db) + " --html report.html");
      }
      long unanswered = data.startup().stream()
          .mapToLong(p -> p.configuration().failures()).sum();
      if (unanswered > 0) {
        out.println(unanswered + " instance(s) never answered; why is in the report (Every"
            + " configuration) and the database");
      }
      out.flush();
      // As the startup command: 1 when anything failed, a unit or an instance.
      return o.failed() == 0 && unanswered == 0 ? 0 : 1;
    }
  }
}
