package io.sandbench.report;

import io.sandbench.report.RunData.StartupPoint;
import io.sandbench.stats.Ratio;
import io.sandbench.stats.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The article's startup figures side by side: one row per workload, instance count and stagger;
 * per runtime the mean time to first 200 with its 95 % CI, and, when native ran, each runtime's
 * mean as a multiple of native's (± propagated from both standard deviations).
 */
public record StartupComparisonTable(List<String> header, List<List<String>> rows) {

  public static StartupComparisonTable of(RunData data) {
    List<String> runtimes = data.measuredRuntimes().stream()
        .filter(r -> data.startup().stream().anyMatch(p -> p.runtime().equals(r))).toList();
    String base = data.baseline();
    List<String> header = new ArrayList<>(List.of("workload", "instances", "stagger"));
    for (String r : runtimes) {
      header.add(r + " (ms)");
      if (base != null && !r.equals(base)) {
        header.add(r + " / " + base);
      }
    }
    Map<String, Map<String, StartupPoint>> byConfig = new LinkedHashMap<>();
    for (StartupPoint p : data.startup()) {
      byConfig.computeIfAbsent(p.configKey(), k -> new LinkedHashMap<>()).put(p.runtime(), p);
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, StartupPoint> cells : byConfig.values()) {
      StartupPoint any = cells.values().iterator().next();
      List<String> row = new ArrayList<>(
          List.of(any.workload(), Integer.toString(any.instances()), any.stagger()));
      Summary baseSummary = base == null || !cells.containsKey(base)
          ? null : cells.get(base).configuration().summary();
      for (String r : runtimes) {
        StartupPoint p = cells.get(r);
        Summary s = p == null ? null : p.configuration().summary();
        row.add(cell(s, p == null ? 0 : p.configuration().failures()));
        if (base != null && !r.equals(base)) {
          row.add(s == null || baseSummary == null || baseSummary.mean() == 0
              ? "-" : ratio(Ratio.ofMeans(s, baseSummary)));
        }
      }
      rows.add(row);
    }
    return new StartupComparisonTable(header, rows);
  }

  static String cell(Summary s, long failures) {
    String f = failures > 0 ? " (" + failures + " failed)" : "";
    if (s == null) {
      return failures > 0 ? "all failed" : "-";
    }
    double half = s.ciHalfWidth();
    return String.format(Locale.ROOT, "%.2f", s.mean())
        + (Double.isNaN(half) ? "" : String.format(Locale.ROOT, " ± %.2f", half)) + f;
  }

  static String ratio(Ratio r) {
    return String.format(Locale.ROOT, "%.2f× ± %.2f", r.value(), r.error());
  }

  public String markdown() {
    if (rows.isEmpty()) {
      return "(no startup results)\n";
    }
    MarkdownTable t = new MarkdownTable(header);
    rows.forEach(t::row);
    return t.render();
  }
}
