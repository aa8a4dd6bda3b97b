package io.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.report.RunData.StartupPoint;
import io.sandbench.result.SeriesPoint;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;
import io.sandbench.scenario.Stagger;
import io.sandbench.store.RuntimeStatus;
import io.sandbench.store.StoredScenario;
import io.sandbench.stats.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A run as one self-contained HTML page: no external asset of any kind (styles inline, charts as
 * inline SVG drawn here), so it opens offline and can be mailed. A few lines of inline script only
 * check, once the page is laid out, that every chart drew something ({@code data-rendered}).
 */
public final class HtmlReport {
  private final RunData data;
  private final Function<StoredScenario, List<SeriesPoint>> series;
  private final StringBuilder b = new StringBuilder();

  private HtmlReport(RunData data, Function<StoredScenario, List<SeriesPoint>> series) {
    this.data = data;
    this.series = series;
  }

  /**
   * @param series the raw series points of a unit (memory and monitor experiments keep theirs
   *     there), read on demand from the database
   */
  public static String render(RunData data, Function<StoredScenario, List<SeriesPoint>> series) {
    return new HtmlReport(data, series).page();
  }

  private String page() {
    String title = "sandbench: " + data.run().suiteName() + ", run " + data.run().id();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.esc(title)).append("</title><style>").append(CSS)
        .append("</style></head><body>\n");
    b.append("<h1>").append(Html.esc(title)).append("</h1>\n");
    b.append("<p class=\"meta\">Started ").append(Html.esc(data.run().startedAt()))
        .append(data.run().finishedAt() == null ? ", <b>not finished</b> (resume: sandbench suite --resume "
            + Html.esc(data.run().id()) + ")" : ", finished " + Html.esc(data.run().finishedAt()))
        .append(" · ").append(Html.esc(data.run().tool())).append(" · suite file ")
        .append(Html.esc(data.run().suiteFile())).append("</p>\n");
    host();
    runtimes();
    startup();
    otherKinds("memory", "Idle memory");
    otherKinds("monitor", "CPU and RSS under load");
    notMeasured();
    suiteText();
    b.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return b.toString();
  }

  private void host() {
    b.append("<h2 id=\"host\">Host</h2>\n");
    table(List.of("key", "value"), data.run().host().entrySet().stream()
        .map(e -> List.of(e.getKey(), String.valueOf(e.getValue()))).toList());
  }

  private void runtimes() {
    b.append("<h2 id=\"runtimes\">Runtimes</h2>\n");
    Map<String, Map<String, String>> facts = new LinkedHashMap<>();
    for (StoredScenario s : data.scenarios()) {
      if (s.done()) {
        facts.computeIfAbsent(s.runtime(), k -> new TreeMap<>()).putAll(s.facts());
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (RuntimeStatus r : data.runtimes()) {
      Map<String, String> f = facts.getOrDefault(r.runtime(), Map.of());
      String accel = f.entrySet().stream()
          .filter(e -> e.getKey().toLowerCase(Locale.ROOT).matches(".*(accel|kvm|tcg).*"))
          .map(e -> e.getKey() + "=" + e.getValue()).reduce((x, y) -> x + ", " + y).orElse("");
      rows.add(List.of(r.runtime(), r.driver(), r.available() ? "measured" : "skipped",
          r.available() ? r.version() : r.reason(), accel));
    }
    table(List.of("runtime", "driver", "status", "version / why skipped", "acceleration"), rows);
    if (!facts.isEmpty()) {
      b.append("<details><summary>Runtime facts (as each driver reported them)</summary>\n");
      for (Map.Entry<String, Map<String, String>> e : facts.entrySet()) {
        b.append("<h4>").append(Html.esc(e.getKey())).append("</h4>\n");
        table(List.of("fact", "value"), e.getValue().entrySet().stream()
            .map(x -> List.of(x.getKey(), x.getValue())).toList());
      }
      b.append("</details>\n");
    }
  }

  private void startup() {
    if (data.startup().isEmpty()) {
      return;
    }
    b.append("<h2 id=\"startup\">Startup: launch to first HTTP 200</h2>\n");
    b.append("<p>Mean time from each instance's launch to its first HTTP 200, over all measured "
        + "iterations; bars are the 95&nbsp;% confidence interval of the mean.</p>\n");
    Set<String> workloads = new LinkedHashSet<>();
    data.startup().forEach(p -> workloads.add(p.workload()));
    for (String w : workloads) {
      List<StartupPoint> mine = data.startup().stream().filter(p -> p.workload().equals(w)).toList();
      SvgChart byCount = new SvgChart("Startup vs instances launched at once (" + w + ")",
          "instances", "ms to first 200").logX();
      SvgChart byStagger = new SvgChart("Startup vs stagger between launches (" + w + ")",
          "stagger (s)", "ms to first 200");
      for (String r : data.measuredRuntimes()) {
        Map<Integer, SvgChart.Point> counts = new TreeMap<>();
        Map<Integer, Map<Double, SvgChart.Point>> staggers = new TreeMap<>();
        for (StartupPoint p : mine) {
          if (!p.runtime().equals(r)) {
            continue;
          }
          Summary s = p.configuration().summary();
          if (s == null) {
            continue;
          }
          Stagger st = Stagger.parse(p.stagger());
          if (st.kind() == Stagger.Kind.NONE) {
            counts.put(p.instances(), point(p.instances(), s,
                p.instances() + " instances: " + StartupComparisonTable.cell(s, p.configuration().failures()) + " ms"));
          } else if (st.kind() == Stagger.Kind.DELAY) {
            double sec = st.delay().toNanos() / 1e9;
            staggers.computeIfAbsent(p.instances(), k -> new TreeMap<>()).put(sec, point(sec, s,
                p.instances() + " instances, " + p.stagger() + ": "
                    + StartupComparisonTable.cell(s, p.configuration().failures()) + " ms"));
          }
        }
        byCount.series(new SvgChart.Series(r, List.copyOf(counts.values())));
        staggers.forEach((n, pts) -> byStagger.series(
            new SvgChart.Series(r + " (" + n + ")", List.copyOf(pts.values()))));
      }
      b.append("<h3>").append(Html.esc(w)).append("</h3>\n<div class=\"charts\">");
      if (!byCount.isEmpty()) {
        b.append(byCount.render());
      }
      if (!byStagger.isEmpty()) {
        b.append(byStagger.render());
      }
      b.append("</div>\n");
    }
    bootPhases();
    StartupComparisonTable t = StartupComparisonTable.of(data);
    b.append("<h3>In the article's form</h3>\n<p>Mean ± 95&nbsp;% CI in ms")
        .append(data.baseline() == null ? "; native did not run, so there are no ratios."
            : "; ratios are each runtime's mean over native's (± from both standard deviations).")
        .append("</p>\n");
    table(t.header(), t.rows());
    b.append("<details><summary>Every configuration: percentiles, failures, harness CPU</summary>\n");
    List<List<String>> rows = new ArrayList<>();
    for (StartupPoint p : data.startup()) {
      StartupConfiguration c = p.configuration();
      Summary s = c.summary();
      String cpu = StartupTables.ms(c.harnessCpuMicrosPerInstance() / 1000.0);
      rows.add(s == null
          ? List.of(p.runtime(), p.workload(), "" + p.instances(), p.stagger(), "-", "-", "-", "-",
              "-", "0", "" + c.failures(), cpu)
          : List.of(p.runtime(), p.workload(), "" + p.instances(), p.stagger(),
              StartupTables.ms(s.mean()) + " ± " + StartupTables.ms(s.ciHalfWidth()),
              StartupTables.ms(s.median()), StartupTables.ms(s.p90()), StartupTables.ms(s.p99()),
              StartupTables.ms(s.max()), "" + s.n(), "" + c.failures(), cpu));
    }
    table(List.of("runtime", "workload", "instances", "stagger", "mean ± CI (ms)", "median",
        "p90", "p99", "max", "n", "failures", "harness CPU/instance (ms)"), rows);
    b.append("</details>\n");
    List<List<String>> failed = FailedInstances.rows(data);
    if (!failed.isEmpty()) {
      b.append("<h3>Instances that never answered</h3>\n");
      table(FailedInstances.HEADER, failed);
    }
    b.append("<details><summary>The article's lines, per iteration</summary><pre>");
    for (StartupPoint p : data.startup()) {
      StartupConfiguration c = p.configuration();
      b.append(Html.esc("==== " + p.runtime() + ", " + p.workload() + ": "
          + StartupTables.header(c.instances(), c.stagger()).replace("==== ", ""))).append('\n');
      for (StartupIteration it : c.iterations()) {
        b.append(Html.esc(StartupTables.iterationLine(it))).append('\n');
      }
    }
    b.append("</pre></details>\n");
  }

  /**
   * Where a runtime reports boot marks (microVMs: vmm-start, kernel-start, init, ...), its time to
   * first 200 split at the marks: the mean of each mark over the answering instances of its
   * least-contended configuration (fewest instances), one bar per runtime and workload.
   */
  private void bootPhases() {
    SvgStackedBars bars = new SvgStackedBars("Boot phases: launch to first 200, least contention",
        "ms");
    for (String r : data.measuredRuntimes()) {
      Set<String> seen = new LinkedHashSet<>();
      data.startup().stream().filter(p -> p.runtime().equals(r))
          .sorted(java.util.Comparator.comparingInt(StartupPoint::instances))
          .forEach(p -> {
            if (!seen.add(p.workload())) {
              return;
            }
            Map<String, double[]> sums = new LinkedHashMap<>();
            double ready = 0;
            int n = 0;
            for (StartupIteration it : p.configuration().iterations()) {
              for (io.sandbench.result.StartupSample x : it.samples()) {
                if (it.warmup() || !x.ok() || x.bootPhases() == null || x.bootPhases().isEmpty()) {
                  continue;
                }
                n++;
                ready += x.readyMicros() / 1000.0;
                for (io.sandbench.runtime.BootTimeline.Mark m : x.bootPhases()) {
                  double[] acc = sums.computeIfAbsent(m.name(), k -> new double[2]);
                  acc[0] += m.micros() / 1000.0;
                  acc[1]++;
                }
              }
            }
            if (n == 0) {
              seen.remove(p.workload());
              return;
            }
            List<Map.Entry<String, Double>> marks = new ArrayList<>();
            sums.forEach((k, v) -> marks.add(Map.entry(k, v[0] / v[1])));
            marks.sort(Map.Entry.comparingByValue());
            Map<String, Double> parts = new LinkedHashMap<>();
            double last = 0;
            for (Map.Entry<String, Double> m : marks) {
              parts.put("to " + m.getKey(), Math.max(0, m.getValue() - last));
              last = Math.max(last, m.getValue());
            }
            parts.put("to first 200", Math.max(0, ready / n - last));
            bars.bar(r + " " + p.workload() + " (" + p.instances() + ")", parts);
          });
    }
    if (!bars.isEmpty()) {
      b.append("<div class=\"charts\">").append(bars.render()).append("</div>\n");
    }
  }

  private static SvgChart.Point point(double x, Summary s, String label) {
    return new SvgChart.Point(x, s.mean(), Double.isNaN(s.ciLow()) ? Double.NaN : s.ciLow(),
        Double.isNaN(s.ciHigh()) ? Double.NaN : s.ciHigh(), label);
  }

  /**
   * Experiments that keep raw series (memory, monitor): one chart per workload and series, a line
   * per runtime, the phases from the payload ({@code phases: [{name, start, end}]}) shaded, and
   * the payload's {@code summary} (a flat map) as a table.
   */
  private void otherKinds(String kind, String heading) {
    List<StoredScenario> units = data.scenarios().stream()
        .filter(s -> s.done() && s.experiment().equals(kind)).toList();
    if (units.isEmpty()) {
      return;
    }
    b.append("<h2 id=\"").append(kind).append("\">").append(Html.esc(heading)).append("</h2>\n");
    if (kind.equals("memory")) {
      memoryByProcess(units);
    }
    Map<String, Map<String, SvgChart>> charts = new LinkedHashMap<>();
    List<List<String>> summary = new ArrayList<>();
    Set<String> summaryKeys = new LinkedHashSet<>();
    List<Map<String, String>> summaries = new ArrayList<>();
    for (StoredScenario s : units) {
      Map<String, List<SvgChart.Point>> bySeries = new LinkedHashMap<>();
      for (SeriesPoint p : series.apply(s)) {
        bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(SvgChart.Point.of(p.x(), p.y()));
      }
      JsonNode payload = payload(s);
      for (Map.Entry<String, List<SvgChart.Point>> e : bySeries.entrySet()) {
        SvgChart c = charts.computeIfAbsent(s.workload(), k -> new LinkedHashMap<>())
            .computeIfAbsent(e.getKey(), k -> {
              SvgChart chart = new SvgChart(e.getKey() + " (" + s.workload() + ")",
                  kind.equals("monitor") ? "seconds since launch" : "instances", e.getKey());
              for (JsonNode ph : payload.path("phases")) {
                chart.band(new SvgChart.Band(ph.path("name").asText(),
                    ph.path("start").asDouble(), ph.path("end").asDouble()));
              }
              return chart;
            });
        c.series(new SvgChart.Series(s.runtime(), e.getValue()));
      }
      Map<String, String> row = new LinkedHashMap<>();
      row.put("runtime", s.runtime());
      row.put("workload", s.workload());
      payload.path("summary").fields().forEachRemaining(f -> row.put(f.getKey(),
          f.getValue().isNumber() ? SvgChart.num(f.getValue().asDouble()) : f.getValue().asText()));
      summaryKeys.addAll(row.keySet());
      summaries.add(row);
    }
    for (Map<String, SvgChart> perWorkload : charts.values()) {
      b.append("<div class=\"charts\">");
      perWorkload.values().forEach(c -> b.append(c.render()));
      b.append("</div>\n");
    }
    if (summaryKeys.size() > 2) {
      for (Map<String, String> row : summaries) {
        summary.add(summaryKeys.stream().map(k -> row.getOrDefault(k, "")).toList());
      }
      table(List.copyOf(summaryKeys), summary);
    }
  }

  /**
   * The memory section's own parts, from each unit's payload: one instance's memory stacked by
   * process ({@code byProcess}: name → MiB), and the marginal cost of one more instance
   * ({@code marginal}: uss, pss, rss in MiB) with its overhead over native's.
   */
  private void memoryByProcess(List<StoredScenario> units) {
    Map<String, SvgStackedBars> bars = new LinkedHashMap<>();
    Map<String, JsonNode> nativeMarginal = new LinkedHashMap<>();
    for (StoredScenario s : units) {
      JsonNode m = payload(s).path("marginal");
      if (s.runtime().equals("native") && m.isObject()) {
        nativeMarginal.put(s.workload(), m);
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (StoredScenario s : units) {
      JsonNode payload = payload(s);
      Map<String, Double> parts = new LinkedHashMap<>();
      payload.path("byProcess").fields()
          .forEachRemaining(f -> parts.put(f.getKey(), f.getValue().asDouble()));
      bars.computeIfAbsent(s.workload(), w -> new SvgStackedBars(
          "One instance's memory by process, PSS (" + w + ")", "MiB")).bar(s.runtime(), parts);
      JsonNode m = payload.path("marginal");
      if (m.isObject()) {
        JsonNode n = nativeMarginal.get(s.workload());
        List<String> row = new ArrayList<>(List.of(s.runtime(), s.workload()));
        for (String k : List.of("uss", "pss", "rss")) {
          row.add(mib(m.path(k)));
        }
        for (String k : List.of("uss", "pss", "rss")) {
          row.add(n == null || s.runtime().equals("native") ? "-"
              : signed(m.path(k).asDouble() - n.path(k).asDouble()));
        }
        rows.add(row);
      }
    }
    b.append("<div class=\"charts\">");
    bars.values().stream().filter(x -> !x.isEmpty()).forEach(x -> b.append(x.render()));
    b.append("</div>\n");
    if (!rows.isEmpty()) {
      b.append("<p>Marginal cost of one more instance (the article's method: run one more and "
          + "subtract), and its overhead over native's, in MiB.</p>\n");
      table(List.of("runtime", "workload", "USS", "PSS", "RSS", "USS over native",
          "PSS over native", "RSS over native"), rows);
    }
  }

  /** "+1.5", "-0.3", and "0.0" rather than "-0.0". */
  private static String signed(double v) {
    return Math.abs(v) < 0.05 ? "0.0" : String.format(Locale.ROOT, "%+.1f", v);
  }

  private static String mib(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.1f", v.asDouble()) : "-";
  }

  private static JsonNode payload(StoredScenario s) {
    try {
      return s.resultJson() == null ? Json.mapper().createObjectNode()
          : Json.mapper().readTree(s.resultJson());
    } catch (Exception e) {
      return Json.mapper().createObjectNode();
    }
  }

  private void notMeasured() {
    List<StoredScenario> missing = data.notMeasured();
    if (missing.isEmpty() && data.skipped().isEmpty()) {
      return;
    }
    b.append("<h2 id=\"not-measured\">Not measured</h2>\n");
    List<List<String>> rows = new ArrayList<>();
    for (RuntimeStatus r : data.skipped()) {
      rows.add(List.of(r.runtime(), "all", "runtime skipped", r.reason()));
    }
    for (StoredScenario s : missing) {
      rows.add(List.of(s.runtime(), s.workload() + " " + s.experiment() + " " + s.unit(),
          s.status(), s.reason() == null ? "" : s.reason()));
    }
    table(List.of("runtime", "what", "status", "why"), rows);
  }

  private void suiteText() {
    b.append("<details><summary>The suite file as run</summary><pre>")
        .append(Html.esc(data.run().suiteText())).append("</pre></details>\n");
  }

  private void table(List<String> header, List<List<String>> rows) {
    b.append("<table><thead><tr>");
    header.forEach(h -> b.append("<th>").append(Html.esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>");
    for (List<String> r : rows) {
      b.append("<tr>");
      r.forEach(c -> b.append("<td>").append(Html.esc(c)).append("</td>"));
      b.append("</tr>");
    }
    b.append("</tbody></table>\n");
  }

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;
        max-width:1500px;padding:0 1em;color:#222}
      h1{font-size:1.5em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
      .meta{color:#555}
      table{border-collapse:collapse;margin:.6em 0}
      th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
      th{background:#f6f6f6}td{font-variant-numeric:tabular-nums}
      .charts{display:flex;flex-wrap:wrap;gap:1em}
      svg.chart{background:#fff;border:1px solid #e4e4e4;max-width:100%;height:auto}
      svg .title{font-weight:600;font-size:14px;text-anchor:middle}
      svg .tick,svg .legend,svg .band-label{font-size:11px;fill:#444}
      svg .label{font-size:12px;fill:#222}
      svg .grid{stroke:#eee}svg .axis{stroke:#888}
      svg .ci{stroke-width:1.5;fill:none}
      pre{background:#f8f8f8;padding:.6em;overflow:auto}
      """;

  /** Marks each chart with how many of its marks have a laid-out size: a check that it drew. */
  private static final String SCRIPT = """
      (function(){
        var charts=document.querySelectorAll('svg.chart'),drawn=0;
        charts.forEach(function(svg){
          var n=0;
          svg.querySelectorAll('.series polyline,.series circle,.series rect').forEach(function(el){
            var r=el.getBBox(); if(r.width>0||r.height>0){n++;}
          });
          svg.setAttribute('data-rendered',String(n));
          if(n>0){drawn++;}
        });
        document.body.setAttribute('data-charts',String(charts.length));
        document.body.setAttribute('data-charts-drawn',String(drawn));
      })();
      """;
}
