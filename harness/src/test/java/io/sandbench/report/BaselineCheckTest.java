package io.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupSample;
import io.sandbench.scenario.BaselineFile;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.StoredRun;
import io.sandbench.store.StoredScenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounds against stored results with known values: where each bound holds and where it breaks. */
class BaselineCheckTest {
  @TempDir Path dir;

  private RunData run() {
    try (ResultsDb db = ResultsDb.open(dir.resolve("c.db"))) {
      db.createRun(new StoredRun("r1", Instant.now(), Instant.now(), StoredRun.FINISHED, "t",
          "t.yaml", "", "sandbench test", Map.of("hostname", "h")));
      // native, 2 instances: 10 and 30 ms in iteration 1, 20 and 20 ms in iteration 2: mean 20
      List<StartupIteration> its = List.of(
          new StartupIteration(1, false, 5, List.of(sample(0, 10_000), sample(1, 30_000))),
          new StartupIteration(2, false, 5, List.of(sample(0, 20_000), sample(1, 20_000))));
      db.saveScenario(new StoredScenario("r1", "native/w/startup#0/2xnone", 0, "native",
          "native", "w", "startup", 0, "2xnone", Map.of("instances", 2, "stagger", "none"),
          StoredScenario.DONE, null, Map.of(), "{}", Instant.now(), Instant.now()), its, List.of());
      db.saveScenario(new StoredScenario("r1", "native/w/monitor#1/timeline", 1, "native",
          "native", "w", "monitor", 1, "timeline", Map.of(), StoredScenario.DONE, null, Map.of(),
          "{\"summary\":{\"loadCpuPercent\":12.5}}", Instant.now(), Instant.now()), List.of(),
          List.of());
      return RunData.load(db, "latest");
    }
  }

  private static StartupSample sample(int id, long readyMicros) {
    return new StartupSample(id, 0, readyMicros, 3, null, null);
  }

  private static BaselineCheck check(RunData data, String yaml) {
    return BaselineCheck.of(data, BaselineFile.parse("b.yaml", yaml));
  }

  @Test
  void boundsHoldOrBreakAtTheirEdges() {
    RunData data = run();
    List<String> passing = new ArrayList<>(List.of(
        "- {metric: startup.mean_ms, max: 20}",
        "- {metric: startup.mean_ms, min: 20, runtime: native, instances: 2, stagger: none}",
        "- {metric: startup.mean_ms, mid: 16, tolerance: 25%}",
        "- {metric: startup.max_ms, max: 30}",
        "- {metric: startup.failures, max: 0}",
        "- {metric: monitor.loadCpuPercent, max: 12.5}"));
    for (String y : passing) {
      assertEquals(0, check(data, y).broken(), y);
    }
    List<String> breaking = List.of(
        "- {metric: startup.mean_ms, max: 19.99}",
        "- {metric: startup.mean_ms, mid: 15, tolerance: 25%}",
        "- {metric: startup.median_ms, min: 21}",
        "- {metric: monitor.loadCpuPercent, max: 12}",
        "- {metric: startup.mean_ms, max: 100, instances: 4}",
        "- {metric: memory.oneMorePssMiB, max: 100}");
    for (String y : breaking) {
      BaselineCheck c = check(data, y);
      assertEquals(1, c.broken(), y + "\n" + c.markdown());
      assertTrue(c.markdown().contains("FAIL"));
    }
  }

  @Test
  void theRunIsReadBackWithItsSamples() {
    RunData data = run();
    assertEquals("r1", data.run().id());
    assertEquals(1, data.startup().size());
    assertEquals(20.0, data.startup().get(0).configuration().summary().mean(), 1e-9);
    assertFalse(data.startup().get(0).configuration().iterations().get(0).warmup());
  }
}
