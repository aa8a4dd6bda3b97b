package io.sandbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupSample;
import io.sandbench.runtime.BootTimeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsDbTest {
  @TempDir Path dir;

  private static StoredRun run(String id) {
    return new StoredRun(id, Instant.now(), null, StoredRun.RUNNING, "t", "t.yaml", "text", "test",
        Map.of("hostname", "h"));
  }

  private static StoredScenario unit(String run, int i) {
    return new StoredScenario(run, "native/w/startup#0/" + i + "xnone", i, "native", "native", "w",
        "startup", 0, i + "xnone", Map.of("instances", 2), StoredScenario.DONE, null,
        Map.of("bind", "127.0.0.1"), "{}", Instant.now(), Instant.now());
  }

  @Test
  void samplesRoundTripIncludingFailuresWarmupsAndBootPhases() {
    try (ResultsDb db = ResultsDb.open(dir.resolve("a.db"))) {
      db.createRun(run("r"));
      List<StartupIteration> its = List.of(
          new StartupIteration(1, true, 7, List.of(new StartupSample(0, 0, 1500L, 2, null,
              List.of(new BootTimeline.Mark("vmm-start", 300), new BootTimeline.Mark("init", 900))))),
          new StartupIteration(1, false, 9, List.of(new StartupSample(0, 0, 2500L, 3, null, null),
              new StartupSample(1, 40, null, 99, "no answer within 1s", null))));
      db.saveScenario(unit("r", 2), its, List.of());
      List<StartupIteration> back = db.startupIterations("r", unit("r", 2).key());
      assertEquals(its, back);
      assertNull(back.get(1).samples().get(1).readyMicros());
      db.saveScenario(unit("r", 2), its.subList(0, 1), List.of()); // replaced, not duplicated
      assertEquals(1, db.startupIterations("r", unit("r", 2).key()).size());
      assertEquals(Map.of("bind", "127.0.0.1"), db.scenarios("r").get(0).facts());
    }
  }

  /** A suite writing while another connection (sandbench runs, a test) keeps reading. */
  @Test
  void aReaderNeverMakesTheWriterFail() throws Exception {
    Path file = dir.resolve("b.db");
    try (ResultsDb db = ResultsDb.open(file)) {
      db.createRun(run("r"));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> {
        try (ResultsDb db = ResultsDb.open(file)) {
          for (int i = 1; i <= 40; i++) {
            db.completedKeys("r");
            db.saveScenario(unit("r", i), List.of(new StartupIteration(1, false, 1,
                List.of(new StartupSample(0, 0, 1000L + i, 1, null, null)))), List.of());
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      Future<Integer> reader = pool.submit(() -> {
        int reads = 0;
        while (writing.get()) {
          try (ResultsDb db = ResultsDb.open(file)) {
            db.runs();
            db.completedKeys("r");
            reads++;
          }
        }
        return reads;
      });
      writer.get();
      assertTrue(reader.get() > 0);
    } finally {
      pool.shutdownNow();
    }
    try (ResultsDb db = ResultsDb.open(file)) {
      assertEquals(40, db.completedKeys("r").size());
    }
  }
}
