package io.sandbench.measure;

import io.sandbench.proc.ProcessMemory;
import io.sandbench.report.Json;
import io.sandbench.result.SeriesPoint;
import io.sandbench.scenario.ExperimentSpec;
import io.sandbench.scenario.MemorySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A suite's memory entry through the memory experiment, unchanged. Raw totals per step go to the
 * series (uss/pss/rss MiB over instances); the payload holds the whole ramp, one instance's memory
 * by process at the largest step (shared daemons divided among the instances) and the marginal
 * cost by the article's one-more-instance method.
 */
final class MemoryUnit implements UnitExperiment {
  private static final double MIB = 1024.0 * 1024.0;

  @Override
  public UnitOutcome run(Session session, ExperimentSpec spec, ExperimentSpec.Unit unit,
      Consumer<String> progress) {
    MemorySpec m = (MemorySpec) spec;
    MemoryRun run = new MemoryExperiment(m.instances(), m.settle(), progress)
        .run(session.prepared(), session.runtime().name());
    List<SeriesPoint> series = new ArrayList<>();
    for (MemoryStep s : run.steps()) {
      MemoryFigures t = s.total();
      series.add(new SeriesPoint("uss_mib", s.instances(), t.uss() / MIB));
      series.add(new SeriesPoint("pss_mib", s.instances(), t.pss() / MIB));
      series.add(new SeriesPoint("rss_mib", s.instances(), t.rss() / MIB));
    }
    MemoryStep last = run.steps().get(run.steps().size() - 1);
    Map<String, Double> byProcess = new LinkedHashMap<>();
    for (InstanceMemory i : last.perInstance()) {
      for (ProcessMemory p : i.processes()) {
        byProcess.merge(name(p.command()), p.pss() / MIB / last.instances(), Double::sum);
      }
    }
    for (ProcessMemory p : last.shared()) {
      byProcess.merge(name(p.command()) + " (shared ÷" + last.instances() + ")",
          p.pss() / MIB / last.instances(), Double::sum);
    }
    MemoryFigures one = run.marginal().oneMore();
    MemoryFigures slope = run.marginal().slope();
    Map<String, Object> marginal = Map.of(
        "uss", one.uss() / MIB, "pss", one.pss() / MIB, "rss", one.rss() / MIB);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("oneMoreUssMiB", one.uss() / MIB);
    summary.put("oneMorePssMiB", one.pss() / MIB);
    summary.put("oneMoreRssMiB", one.rss() / MIB);
    summary.put("slopeUssMiB", slope.uss() / MIB);
    summary.put("slopePssMiB", slope.pss() / MIB);
    summary.put("slopeRssMiB", slope.rss() / MIB);
    summary.put("settled", last.settled());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("byProcess", byProcess);
    payload.put("marginal", marginal);
    payload.put("summary", summary);
    payload.put("ramp", run);
    return new UnitOutcome(Json.write(payload), List.of(), series,
        session.runInfo("memory", unit.parameters()).runtimeFacts());
  }

  /** The program's name, not its whole command line. */
  private static String name(String command) {
    String first = command.strip().split("\\s+", 2)[0];
    return first.substring(first.lastIndexOf('/') + 1);
  }
}
