package io.sandbench.report;

import io.sandbench.result.RunInfo;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupResult;
import io.sandbench.result.StartupSample;
import io.sandbench.stats.Outliers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A startup result as JSON (everything: run, host, parameters, statistics, raw samples), CSV (one
 * row per instance per iteration, raw) and Markdown (host, parameters, the table, the article's
 * lines).
 */
public final class StartupExport {
  private StartupExport() {}

  public static String json(StartupResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run", r.run());
    List<Object> configs = new ArrayList<>();
    for (StartupConfiguration c : r.configurations()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("instances", c.instances());
      m.put("stagger", c.stagger());
      m.put("summaryMillis", c.summary());
      m.put("failures", c.failures());
      m.put("harnessCpuMicrosPerInstance", c.harnessCpuMicrosPerInstance());
      Outliers o = c.outliers();
      m.put("outlierWarning", o == null ? "" : o.warning());
      List<Object> its = new ArrayList<>();
      for (StartupIteration it : c.iterations()) {
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("index", it.index());
        im.put("warmup", it.warmup());
        im.put("meanMillis", Double.isNaN(it.meanMillis()) ? null : it.meanMillis());
        im.put("harnessCpuMicrosPerInstance", it.harnessCpuMicrosPerInstance());
        im.put("samples", it.samples());
        its.add(im);
      }
      m.put("iterations", its);
      configs.add(m);
    }
    root.put("configurations", configs);
    return Json.write(root);
  }

  public static String csv(StartupResult r) {
    RunInfo run = r.run();
    CsvTable t = new CsvTable(List.of("run", "runtime", "workload", "instances", "stagger",
        "iteration", "warmup", "instance", "launch_offset_us", "ready_us", "probe_attempts",
        "failure"));
    for (StartupConfiguration c : r.configurations()) {
      for (StartupIteration it : c.iterations()) {
        for (StartupSample s : it.samples()) {
          t.row(run.runId(), run.runtimeFacts().get("runtime"), run.runtimeFacts().get("workload"),
              c.instances(), c.stagger(), it.index(), it.warmup(), s.instance(),
              s.launchOffsetMicros(), s.readyMicros(), s.probeAttempts(), s.failure());
        }
      }
    }
    return t.render();
  }

  public static String markdown(StartupResult r) {
    RunInfo run = r.run();
    StringBuilder b = new StringBuilder();
    b.append("# Startup: ").append(run.runtimeFacts().get("runtime")).append(", ")
        .append(run.runtimeFacts().get("workload")).append("\n\n");
    b.append("Run `").append(run.runId()).append("`, ").append(run.startedAt()).append(", ")
        .append(run.tool()).append(".\n\n");
    b.append("## Host\n\n").append(keyValues(run.host().toMap())).append("\n");
    b.append("## Parameters\n\n").append(keyValues(run.parameters())).append("\n");
    b.append("## Runtime\n\n").append(keyValues(run.runtimeFacts())).append("\n");
    b.append("## Time from launch to first HTTP 200 (ms)\n\n")
        .append(StartupTables.table(r).render()).append("\n");
    b.append("## Iterations\n\n```\n");
    for (StartupConfiguration c : r.configurations()) {
      b.append(StartupTables.header(c.instances(), c.stagger())).append("\n");
      for (StartupIteration it : c.iterations()) {
        b.append(StartupTables.iterationLine(it)).append("\n");
      }
      b.append(StartupTables.summaryLines(c)).append("\n");
    }
    b.append("```\n");
    return b.toString();
  }

  static String keyValues(Map<String, ?> m) {
    MarkdownTable t = new MarkdownTable("key", "value");
    m.forEach((k, v) -> t.row(k, v));
    return t.render();
  }
}
