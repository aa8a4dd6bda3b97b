package io.sandbench.report;

import io.sandbench.report.RunData.StartupPoint;
import io.sandbench.result.StartupIteration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why instances never answered, grouped: one row per runtime, workload, configuration and reason
 * (addresses folded, so 16 instances failing alike make one row), with how many.
 */
final class FailedInstances {
  static final List<String> HEADER = List.of("runtime", "workload", "configuration", "instances",
      "why");

  private FailedInstances() {}

  static List<List<String>> rows(RunData data) {
    List<List<String>> out = new ArrayList<>();
    for (StartupPoint p : data.startup()) {
      Map<String, Integer> reasons = new TreeMap<>();
      for (StartupIteration it : p.configuration().iterations()) {
        if (it.warmup()) {
          continue;
        }
        it.samples().stream().filter(x -> !x.ok()).forEach(x -> reasons.merge(
            x.failure() == null ? "unknown"
                : x.failure().replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+", "ADDRESS"),
            1, Integer::sum));
      }
      reasons.forEach((why, n) -> out.add(List.of(p.runtime(), p.workload(),
          p.instances() + ", stagger " + p.stagger(), Integer.toString(n), why)));
    }
    return out;
  }
}
