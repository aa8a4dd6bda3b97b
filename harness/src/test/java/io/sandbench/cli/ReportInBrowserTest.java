package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.measure.TestPorts;
import io.sandbench.result.SeriesPoint;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.StoredScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless browser (Debian's chromium, installed by .ci/run): it loads
 * from a file with no network, logs nothing to the console, and every chart draws its marks.
 */
class ReportInBrowserTest {
  @TempDir Path dir;

  @Test
  void theReportLoadsWithoutConsoleErrorsAndEveryChartDraws() throws Exception {
    Path suite = dir.resolve("b.yaml");
    Files.writeString(suite, """
        basePort: %d
        iterations: 2
        cooldown: 0s
        runtimes: [native, {name: custom, label: shim, options: {launch: "{workload}"}}]
        workloads: [busybox-httpd]
        experiments:
          - {kind: startup, instances: [1, 2, 4]}
          - {kind: startup, instances: 4, stagger: [1ms, 5ms]}
        """.formatted(TestPorts.base()));
    Path db = dir.resolve("b.db");
    CliRun run = CliRun.of("suite", suite.toString(), "--db", db.toString());
    assertEquals(0, run.exitCode(), run.err());
    String id;
    try (ResultsDb r = ResultsDb.open(db)) {
      id = r.runs().get(0).id();
      addTimeline(r, id, "native", 1);
      addTimeline(r, id, "shim", 2);
      addMemory(r, id, "native", 4.5);
      addMemory(r, id, "shim", 80);
      addBootedStartup(r, id);
    }
    Path html = dir.resolve("report.html");
    assertEquals(0, CliRun.of("report", id, "--db", db.toString(), "--html", html.toString())
        .exitCode());

    Page page = open(html);
    assertEquals("", page.consoleLines(), "console messages");
    Matcher body = Pattern.compile("data-charts=\"(\\d+)\" data-charts-drawn=\"(\\d+)\"")
        .matcher(page.dom());
    assertTrue(body.find(), "the page's script ran: " + page.dom().substring(0, 300));
    // startup vs instances, stagger curve, boot phases; memory by process and PSS vs instances;
    // the timeline's CPU and RSS
    assertEquals("7", body.group(1));
    assertTrue(page.dom().contains("to kernel-start"), "boot phases drawn");
    assertEquals(body.group(1), body.group(2), "every chart drew something");
    Matcher each = Pattern.compile("data-rendered=\"(\\d+)\"").matcher(page.dom());
    while (each.find()) {
      assertTrue(Integer.parseInt(each.group(1)) >= 2, "a chart with too few marks");
    }

    // The same check sees a broken page: a script error reaches the console lines.
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken,
        Files.readString(html).replace("</body>", "<script>noSuchFunction()</script></body>"));
    assertTrue(open(broken).consoleLines().contains("noSuchFunction"), "console errors are seen");
  }

  /** A synthetic monitor unit (data, not a runtime): CPU % and RSS over 10 s with phases. */
  private static void addTimeline(ResultsDb r, String runId, String runtime, int scale) {
    List<SeriesPoint> pts = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      double t = i * 0.25;
      pts.add(new SeriesPoint("cpu_percent", t, scale * (t > 4 && t < 8 ? 15 : 1)));
      pts.add(new SeriesPoint("rss_mib", t, scale * (5 + t / 2)));
    }
    String key = StoredScenario.key(runtime, "busybox-httpd", "monitor", 9, "timeline");
    r.saveScenario(new StoredScenario(runId, key, 100 + scale, runtime, "native",
        "busybox-httpd", "monitor", 9, "timeline", Map.of("load", "4s"), StoredScenario.DONE,
        null, Map.of(), "{\"phases\":[{\"name\":\"startup\",\"start\":0,\"end\":0.1},"
            + "{\"name\":\"idle\",\"start\":0.1,\"end\":4},{\"name\":\"load\",\"start\":4,\"end\":8}],"
            + "\"summary\":{\"cpuPercentUnderLoad\":15.0}}", Instant.now(), Instant.now()),
        List.of(), pts);
  }

  /** A synthetic memory unit (data): one instance by process, totals over a ramp, marginal cost. */
  private static void addMemory(ResultsDb r, String runId, String runtime, double mib) {
    List<SeriesPoint> pts = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      pts.add(new SeriesPoint("pss_mib", n, 10 + n * mib));
    }
    String key = StoredScenario.key(runtime, "busybox-httpd", "memory", 8, "ramp");
    r.saveScenario(new StoredScenario(runId, key, 200 + (int) mib, runtime, "native",
        "busybox-httpd", "memory", 8, "ramp", Map.of("instances", List.of(1, 2)),
        StoredScenario.DONE, null, Map.of(), "{\"byProcess\":{\"server\":" + mib
            + ",\"shim <\\\"x\\\">\":1.5},\"marginal\":{\"uss\":" + mib + ",\"pss\":" + mib
            + ",\"rss\":" + (mib + 2) + "}}", Instant.now(), Instant.now()), List.of(), pts);
  }

  /** A synthetic startup unit of a runtime with boot marks (data), as microVM drivers report. */
  private static void addBootedStartup(ResultsDb r, String runId) {
    List<io.sandbench.result.StartupSample> samples = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      samples.add(new io.sandbench.result.StartupSample(i, 0, 1_050_000L + i * 1000, 40, null,
          List.of(new io.sandbench.runtime.BootTimeline.Mark("vmm-start", 20_000),
              new io.sandbench.runtime.BootTimeline.Mark("kernel-start", 150_000),
              new io.sandbench.runtime.BootTimeline.Mark("init", 800_000))));
    }
    String key = StoredScenario.key("vm", "busybox-httpd", "startup", 0, "3xnone");
    r.saveScenario(new StoredScenario(runId, key, 300, "vm", "qemu", "busybox-httpd", "startup",
        0, "3xnone", Map.of("instances", 3, "stagger", "none"), StoredScenario.DONE, null,
        Map.of("acceleration", "tcg"), "{}", Instant.now(), Instant.now()),
        List.of(new io.sandbench.result.StartupIteration(1, false, 5, samples)), List.of());
  }

  record Page(String dom, String consoleLines) {}

  private Page open(Path html) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium-");
    CommandResult r = ExternalCommand.run(List.of("chromium", "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()),
        Duration.ofSeconds(90));
    assertTrue(r.ok(), "chromium (apt-get install chromium): " + r.describe());
    String console = String.join("\n",
        r.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList());
    return new Page(r.stdout(), console);
  }
}
