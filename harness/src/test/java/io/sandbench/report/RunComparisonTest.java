package io.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sandbench.report.RunComparison.Change;
import io.sandbench.report.RunComparison.Verdict;
import io.sandbench.result.SeriesPoint;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupSample;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.StoredRun;
import io.sandbench.store.StoredScenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare on stored runs with seeded, skewed startup times (lognormal, one in ten an 8×
 * straggler; 32 samples: with 16 such samples a 2× slowdown sits near p = 0.01, which is the
 * test's power, not a bug) and CPU samples: a 2× slowdown is a regression, the same run is not, a
 * speed-up is an improvement.
 */
class RunComparisonTest {
  @TempDir Path dir;

  /** A run whose startup times are {@code base} × factor and whose CPU under load is given. */
  private static void store(ResultsDb db, String id, long seed, double factor, double cpu) {
    db.createRun(new StoredRun(id, Instant.now(), Instant.now(), StoredRun.FINISHED, "t", "t.yaml",
        "", "sandbench test", Map.of("hostname", "h")));
    Random rnd = new Random(seed);
    List<StartupIteration> its = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      List<StartupSample> samples = new ArrayList<>();
      for (int n = 0; n < 8; n++) {
        double ms = 20 * Math.exp(0.4 * rnd.nextGaussian()) * (rnd.nextInt(10) == 0 ? 8 : 1);
        samples.add(new StartupSample(n, 0, Math.round(ms * 1000 * factor), 2, null, null));
      }
      its.add(new StartupIteration(i, false, 5, samples));
    }
    db.saveScenario(new StoredScenario(id, "native/w/startup#0/8xnone", 0, "native", "native",
        "w", "startup", 0, "8xnone", Map.of("instances", 8, "stagger", "none"),
        StoredScenario.DONE, null, Map.of(), "{}", Instant.now(), Instant.now()), its, List.of());
    List<SeriesPoint> pts = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pts.add(new SeriesPoint("cpu_percent", i * 0.25, i < 20 ? 1 : cpu + rnd.nextGaussian()));
    }
    db.saveScenario(new StoredScenario(id, "native/w/monitor#1/timeline", 1, "native", "native",
        "w", "monitor", 1, "timeline", Map.of(), StoredScenario.DONE, null, Map.of(),
        "{\"phases\":[{\"name\":\"idle\",\"start\":0,\"end\":5},"
            + "{\"name\":\"load\",\"start\":5,\"end\":15}]}", Instant.now(), Instant.now()),
        List.of(), pts);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void verdicts(long seed) {
    try (ResultsDb db = ResultsDb.open(dir.resolve("c.db"))) {
      store(db, "a", seed, 1.0, 10);
      store(db, "slow", seed, 2.0, 20);
      store(db, "fast", seed, 0.5, 10);
      RunData a = RunData.load(db, "a");
      assertEquals(List.of(Verdict.NO_CHANGE, Verdict.NO_CHANGE), verdicts(a, a));
      assertEquals(List.of(Verdict.REGRESSION, Verdict.REGRESSION),
          verdicts(a, RunData.load(db, "slow")));
      assertEquals(List.of(Verdict.IMPROVEMENT, Verdict.NO_CHANGE),
          verdicts(a, RunData.load(db, "fast")));
      RunComparison slow = RunComparison.of(a, RunData.load(db, "slow"), 0.05, 9999);
      assertEquals(2, slow.regressions());
      assertEquals(1.0, slow.changes().get(0).change(), 0.01, "change of the means: +100 %");
      assertEquals(2, RunComparison.of(a, RunData.load(db, "slow"), 1.5, 9999).changes().stream()
          .filter(c -> c.verdict() == Verdict.NO_CHANGE).count(), "under a 150 % threshold");
    }
  }

  private static List<Verdict> verdicts(RunData a, RunData b) {
    return RunComparison.of(a, b, 0.05, 9999).changes().stream().map(Change::verdict).toList();
  }
}
