package io.sandbench.report;

import io.sandbench.measure.LoadPhase;
import io.sandbench.measure.LoadResult;
import io.sandbench.measure.LoadSample;
import io.sandbench.measure.LoadSummary;
import io.sandbench.result.RunInfo;
import io.sandbench.report.chart.LoadChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The monitor's outputs: samples.csv, chart.png, summary.json, and the summary as text. */
public final class LoadReport {
  public static final String SAMPLES = "samples.csv";
  public static final String CHART = "chart.png";
  public static final String SUMMARY = "summary.json";

  private LoadReport() {}

  /** Writes the three files into {@code dir}, each whole or not at all. */
  public static void write(Path dir, RunInfo info, LoadResult r, int width, int height) {
    AtomicFile.writeString(dir.resolve(SAMPLES), csv(r));
    List<LoadChart.Point> points = new ArrayList<>();
    for (LoadSample s : r.samples()) {
      points.add(new LoadChart.Point(s.seconds(), s.cpuPercent(), s.rssBytes()));
    }
    List<LoadChart.Phase> phases = new ArrayList<>();
    for (LoadPhase p : r.phases()) {
      phases.add(new LoadChart.Phase(p.name(), p.fromSeconds(), p.toSeconds()));
    }
    String title = r.runtime() + ", " + info.runtimeFacts().getOrDefault("workload", "")
        + ": CPU % and RSS of the instance's processes";
    LoadChart.write(dir.resolve(CHART), title, points, phases, width, height);
    AtomicFile.writeString(dir.resolve(SUMMARY), json(info, r));
  }

  public static String csv(LoadResult r) {
    CsvTable t = new CsvTable(List.of("seconds", "phase", "cpu_percent", "rss_bytes", "processes"));
    for (LoadSample s : r.samples()) {
      t.row(String.format(Locale.ROOT, "%.3f", s.seconds()), s.phase(),
          String.format(Locale.ROOT, "%.2f", s.cpuPercent()), s.rssBytes(), s.processes());
    }
    return t.render();
  }

  public static String json(RunInfo info, LoadResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("info", info);
    m.put("summary", r.summary());
    m.put("phases", r.phases());
    m.put("samples", r.samples().size());
    return Json.write(m);
  }

  /** The summary for the terminal. */
  public static String text(LoadResult r) {
    LoadSummary s = r.summary();
    MarkdownTable t = new MarkdownTable("figure", "value");
    t.row("time to first 200", s.startupMillis() + " ms");
    t.row("CPU idle (mean)", pct(s.idleCpuPercent()));
    t.row("CPU under load (mean)", pct(s.loadedCpuPercent()));
    t.row("CPU after load (mean)", pct(s.afterCpuPercent()));
    t.row("RSS idle (mean)", mib(s.rssIdleBytes()));
    t.row("RSS under load (mean)", mib(s.rssLoadedBytes()));
    t.row("RSS peak", mib(s.rssPeakBytes()));
    t.row("requests served", s.load().requests() + " (" + s.load().errors() + " errors)");
    t.row("throughput", String.format(Locale.ROOT, "%.0f /s", s.load().throughputPerSecond()));
    for (Map.Entry<String, Double> e : s.load().latencyMicros().entrySet()) {
      t.row("latency " + e.getKey(), String.format(Locale.ROOT, "%.0f µs", e.getValue()));
    }
    t.row("sandbench's own CPU while idle", pct(s.harnessCpuPercent()));
    return t.render();
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
