package io.sandbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's experiment on a real native webd, with webc as its own process. webd keeps webc's
 * one connection open: a server that closes each (busybox) leaves thousands of client ports in
 * TIME_WAIT, and the other tests' random listening ports then collide with them.
 */
class LoadExperimentTest {
  @TempDir Path work;

  @Test
  void samplesFromLaunchThroughIdleLoadAndAfter() {
    LoadExperiment.Plan plan =
        new LoadExperiment.Plan(
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(1), 1);
    Setup setup = new Setup(Workloads.named("webd", null), work, "lt0001", TestPorts.base(), Map.of());
    LoadResult r;
    long pid;
    try (Prepared p = Runtimes.named("native").prepare(setup)) {
      r = new LoadExperiment(plan, line -> {}).run(p, "native");
    }
    List<String> names = r.phases().stream().map(LoadPhase::name).toList();
    assertEquals(List.of("startup", "idle", "load", "after"), names);
    for (String phase : List.of("idle", "load", "after")) {
      assertTrue(r.samples().stream().anyMatch(s -> s.phase().equals(phase)), "samples in " + phase);
    }
    // Sampled from launch: the webd process is there from the first samples on.
    assertTrue(r.samples().get(0).seconds() < 0.5, "first sample " + r.samples().get(0));
    assertTrue(r.samples().stream().anyMatch(s -> s.processes() >= 1 && s.rssBytes() > 0));
    LoadSummary s = r.summary();
    assertTrue(s.load().requests() > 10, "requests " + s.load());
    assertEquals(0, s.load().errors());
    assertTrue(s.rssPeakBytes() >= s.rssIdleBytes() && s.rssIdleBytes() > 0, s.toString());
    // Under load the server works; after it, it sleeps. (Just after its first 200 a JVM is still
    // loading classes and compiling: the idle phase of a second is no quiet baseline.)
    assertTrue(s.loadedCpuPercent() > s.afterCpuPercent(), s.toString());
    assertFalse(Double.isNaN(s.idleCpuPercent()));
    long last = r.samples().stream().filter(x -> x.phase().equals("after")).count();
    assertTrue(last >= 2, "samples after the load: " + last);
  }
}
