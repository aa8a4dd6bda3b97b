package io.sandbench.report;

import io.sandbench.store.RuntimeStatus;
import io.sandbench.store.StoredScenario;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A run as Markdown: host, runtimes (and why some were skipped), the startup comparison. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(RunData data) {
    StringBuilder b = new StringBuilder();
    b.append("# sandbench: ").append(data.run().suiteName()).append(", run `")
        .append(data.run().id()).append("`\n\n");
    b.append("Started ").append(data.run().startedAt()).append(", ")
        .append(data.run().finishedAt() == null ? "not finished" : "finished " + data.run().finishedAt())
        .append(", ").append(data.run().tool()).append(", suite `").append(data.run().suiteFile())
        .append("`.\n\n## Host\n\n").append(StartupExport.keyValues(data.run().host())).append('\n');
    b.append("## Runtimes\n\n");
    MarkdownTable rt = new MarkdownTable("runtime", "driver", "status", "version / why skipped");
    for (RuntimeStatus r : data.runtimes()) {
      rt.row(r.runtime(), r.driver(), r.available() ? "measured" : "skipped",
          r.available() ? r.version() : r.reason());
    }
    b.append(rt.render()).append('\n');
    Map<String, Map<String, String>> facts = new TreeMap<>();
    for (StoredScenario s : data.scenarios()) {
      if (s.done()) {
        facts.computeIfAbsent(s.runtime(), k -> new TreeMap<>()).putAll(s.facts());
      }
    }
    facts.forEach((r, f) -> b.append("### ").append(r).append(" facts\n\n")
        .append(StartupExport.keyValues(f)).append('\n'));
    b.append("## Startup: launch to first HTTP 200 (ms, mean ± 95% CI)\n\n")
        .append(StartupComparisonTable.of(data).markdown()).append('\n');
    List<List<String>> failed = FailedInstances.rows(data);
    if (!failed.isEmpty()) {
      MarkdownTable t = new MarkdownTable(FailedInstances.HEADER);
      failed.forEach(t::row);
      b.append("## Instances that never answered\n\n").append(t.render()).append('\n');
    }
    if (!data.notMeasured().isEmpty()) {
      b.append("## Not measured\n\n");
      MarkdownTable t = new MarkdownTable("runtime", "what", "status", "why");
      for (StoredScenario s : data.notMeasured()) {
        t.row(s.runtime(), s.workload() + " " + s.experiment() + " " + s.unit(), s.status(),
            s.reason());
      }
      b.append(t.render()).append('\n');
    }
    return b.toString();
  }
}
