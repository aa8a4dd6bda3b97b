package io.sandbench.report;

import io.sandbench.result.SeriesPoint;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.RuntimeStatus;
import io.sandbench.store.StoredRun;
import io.sandbench.store.StoredScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run read back from the database, with every statistic recomputed from its raw samples:
 * what the report, compare and check work from. {@code series} holds the raw series of every
 * completed unit that keeps them (memory, monitor), by unit key.
 */
public record RunData(
    StoredRun run,
    List<StoredScenario> scenarios,
    List<RuntimeStatus> runtimes,
    List<StartupPoint> startup,
    Map<String, List<SeriesPoint>> series) {

  /** One completed startup unit with its configuration rebuilt from the stored samples. */
  public record StartupPoint(StoredScenario scenario, StartupConfiguration configuration) {
    public String runtime() {
      return scenario.runtime();
    }

    public String workload() {
      return scenario.workload();
    }

    public int instances() {
      return configuration.instances();
    }

    public String stagger() {
      return configuration.stagger();
    }

    /** What identifies the point across runtimes and runs: workload, entry, count, stagger. */
    public String configKey() {
      return scenario.workload() + "/startup#" + scenario.entry() + "/" + scenario.unit();
    }
  }

  public static RunData load(ResultsDb db, String runId) {
    StoredRun run = db.requireRun(runId);
    runId = run.id();
    List<StoredScenario> scenarios = db.scenarios(runId);
    List<StartupPoint> startup = new ArrayList<>();
    Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
    for (StoredScenario s : scenarios) {
      if (s.done() && !s.experiment().equals("startup")) {
        series.put(s.key(), db.series(runId, s.key()));
      }
      if (s.done() && s.experiment().equals("startup")) {
        int n = ((Number) s.parameters().get("instances")).intValue();
        String stagger = String.valueOf(s.parameters().get("stagger"));
        startup.add(new StartupPoint(s,
            new StartupConfiguration(n, stagger, db.startupIterations(runId, s.key()))));
      }
    }
    return new RunData(run, scenarios, db.runtimeStatuses(runId), startup, series);
  }

  /** Runtime labels in suite order: those that ran and those skipped. */
  public List<String> runtimeLabels() {
    Set<String> out = new LinkedHashSet<>();
    runtimes.forEach(r -> out.add(r.runtime()));
    scenarios.forEach(s -> out.add(s.runtime()));
    return List.copyOf(out);
  }

  /** The labels of runtimes that produced at least one result. */
  public List<String> measuredRuntimes() {
    Set<String> out = new LinkedHashSet<>();
    scenarios.stream().filter(StoredScenario::done).forEach(s -> out.add(s.runtime()));
    return List.copyOf(out);
  }

  /** The baseline runtime: native when it ran, else none. */
  public String baseline() {
    return measuredRuntimes().contains("native") ? "native" : null;
  }

  public List<RuntimeStatus> skipped() {
    return runtimes.stream().filter(r -> !r.available()).toList();
  }

  /** Units not measured (failed or skipped), with the reason. */
  public List<StoredScenario> notMeasured() {
    return scenarios.stream().filter(s -> !s.done()).toList();
  }
}
