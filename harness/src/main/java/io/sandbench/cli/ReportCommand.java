package io.sandbench.cli;

import io.sandbench.report.AtomicFile;
import io.sandbench.report.HtmlReport;
import io.sandbench.report.MarkdownReport;
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

/** A run as a self-contained HTML page and/or Markdown; without either, Markdown on stdout. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Report a run: self-contained HTML (charts inline, opens offline) or Markdown.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOption database;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run id (see: sandbench runs), or latest.")
  String runId;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
  Path html;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown report here.")
  Path markdown;

  @Override
  public Integer call() {
    if (html != null) {
      AtomicFile.checkWritable(html);
    }
    if (markdown != null) {
      AtomicFile.checkWritable(markdown);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ResultsDb db = database.openForReading()) {
      RunData data = RunData.load(db, runId);
      if (html != null) {
        AtomicFile.writeString(html, HtmlReport.render(data, s -> db.series(s.runId(), s.key())));
        out.println("HTML report: " + html);
      }
      if (markdown != null) {
        AtomicFile.writeString(markdown, MarkdownReport.render(data));
        out.println("Markdown report: " + markdown);
      }
      if (html == null && markdown == null) {
        out.print(MarkdownReport.render(data));
      }
      return 0;
    }
  }
}
