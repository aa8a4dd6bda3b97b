package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.measure.TestPorts;
import io.sandbench.report.Json;
import io.sandbench.result.SeriesPoint;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.StoredScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory and monitor experiments through a suite: into the database, the report, check. */
class SuiteMemoryMonitorTest {
  @TempDir Path dir;

  @Test
  void memoryAndMonitorUnitsAreStoredReportedAndChecked() throws Exception {
    Path file = dir.resolve("mm.yaml");
    Files.writeString(file, """
        basePort: %d
        runtimes: [native, {name: custom, label: shim, options: {launch: "env {workload}"}}]
        workloads: [busybox-httpd]
        experiments:
          - {kind: memory, instances: [1, 2], settle: 2s}
          - {kind: monitor, interval: 200ms, idle: 1s, load: 2s, after: 0s}
        """.formatted(TestPorts.base()));
    Path db = dir.resolve("mm.db");
    Path html = dir.resolve("mm.html");
    CliRun r = CliRun.of("suite", file.toString(), "--db", db.toString(), "--html", html.toString());
    assertEquals(0, r.exitCode(), r.err() + r.out());
    try (ResultsDb d = ResultsDb.open(db)) {
      String id = d.runs().get(0).id();
      List<StoredScenario> units = d.scenarios(id);
      assertEquals(4, units.size());
      assertTrue(units.stream().allMatch(StoredScenario::done), units.toString());
      StoredScenario memory = units.get(0);
      assertEquals("memory", memory.experiment());
      JsonNode payload = Json.mapper().readTree(memory.resultJson());
      assertTrue(payload.path("byProcess").has("busybox"), memory.resultJson());
      assertTrue(payload.path("marginal").path("pss").asDouble() > 0, memory.resultJson());
      List<SeriesPoint> ramp = d.series(id, memory.key());
      assertEquals(List.of(1.0, 2.0, 3.0), ramp.stream()
          .filter(p -> p.series().equals("rss_mib")).map(SeriesPoint::x).toList(),
          "the ramp and one more instance");
      StoredScenario monitor = units.get(1);
      List<SeriesPoint> timeline = d.series(id, monitor.key());
      assertTrue(timeline.stream().filter(p -> p.series().equals("cpu_percent")).count() >= 10,
          "sampled every 200 ms over 3 s");
      assertTrue(Json.mapper().readTree(monitor.resultJson()).path("phases").size() >= 3);
    }
    String page = Files.readString(html);
    assertTrue(page.contains("One instance&#39;s memory by process"), "stacked memory chart");
    assertTrue(page.contains("PSS over native"), "overhead vs native");
    assertTrue(page.contains("cpu_percent (busybox-httpd)"), "CPU timeline");
    assertFalse(page.contains("cannot run the memory"), "memory ran");

    Path bounds = dir.resolve("b.yaml");
    Files.writeString(bounds, """
        - {metric: memory.oneMoreRssMiB, runtime: native, max: 64}
        - {metric: monitor.loadCpuPercent, max: 400}
        """);
    CliRun check = CliRun.of("check", "latest", "--db", db.toString(), "--baseline", bounds.toString());
    assertEquals(0, check.exitCode(), check.out());
    assertEquals(3, check.out().lines().filter(l -> l.contains("| pass")).count(), check.out());
  }
}
