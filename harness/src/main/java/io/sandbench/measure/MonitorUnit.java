package io.sandbench.measure;

import io.sandbench.report.Json;
import io.sandbench.result.SeriesPoint;
import io.sandbench.scenario.ExperimentSpec;
import io.sandbench.scenario.MonitorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A suite's monitor entry through the load experiment, unchanged: CPU % and RSS of the instance's
 * tree from launch through idle, load and after, as raw series; phases and summary as payload.
 */
final class MonitorUnit implements UnitExperiment {
  private static final double MIB = 1024.0 * 1024.0;

  @Override
  public UnitOutcome run(Session session, ExperimentSpec spec, ExperimentSpec.Unit unit,
      Consumer<String> progress) {
    MonitorSpec m = (MonitorSpec) spec;
    LoadExperiment.Plan plan = new LoadExperiment.Plan(m.interval(), m.idle(), m.load(), m.after(),
        (int) m.delay().toMillis());
    LoadResult r = new LoadExperiment(plan, progress).run(session.prepared(), session.runtime().name());
    List<SeriesPoint> series = new ArrayList<>();
    for (LoadSample s : r.samples()) {
      series.add(new SeriesPoint("cpu_percent", s.seconds(), s.cpuPercent()));
      series.add(new SeriesPoint("rss_mib", s.seconds(), s.rssBytes() / MIB));
    }
    List<Map<String, Object>> phases = new ArrayList<>();
    for (LoadPhase p : r.phases()) {
      phases.add(Map.of("name", p.name(), "start", p.fromSeconds(), "end", p.toSeconds()));
    }
    LoadSummary s = r.summary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("startupMs", s.startupMillis());
    summary.put("idleCpuPercent", s.idleCpuPercent());
    summary.put("loadCpuPercent", s.loadedCpuPercent());
    summary.put("afterCpuPercent", s.afterCpuPercent());
    summary.put("rssIdleMiB", s.rssIdleBytes() / MIB);
    summary.put("rssLoadMiB", s.rssLoadedBytes() / MIB);
    summary.put("rssPeakMiB", s.rssPeakBytes() / MIB);
    summary.put("harnessCpuPercent", s.harnessCpuPercent());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("phases", phases);
    payload.put("summary", summary);
    payload.put("load", s.load());
    return new UnitOutcome(Json.write(payload), List.of(), series,
        session.runInfo("monitor", unit.parameters()).runtimeFacts());
  }
}
