package io.sandbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.proc.ProcessMemory;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory ramp on real native busybox httpd instances. */
class MemoryExperimentTest {
  @TempDir Path work;

  @Test
  void rampsMeasuresEveryInstanceAndLeavesNothingRunning() {
    Setup setup = new Setup(Workloads.named("busybox-httpd", null), work, "mt0001", TestPorts.base(), Map.of());
    MemoryExperiment e = new MemoryExperiment(List.of(2, 1), Duration.ofSeconds(3), line -> {});
    assertEquals(List.of(1, 2, 3), e.ramp());
    MemoryRun run;
    try (Prepared p = Runtimes.named("native").prepare(setup)) {
      run = e.run(p, "native");
    }
    assertEquals(3, run.steps().size());
    List<Long> pids = new ArrayList<>();
    for (MemoryStep s : run.steps()) {
      assertEquals(s.instances(), s.perInstance().size());
      assertTrue(s.shared().isEmpty());
      for (InstanceMemory i : s.perInstance()) {
        assertEquals(1, i.processes().size(), "busybox httpd -f is one process: " + i);
        ProcessMemory m = i.processes().get(0);
        assertTrue(m.command().contains("httpd"), m.command());
        assertTrue(m.rss() > 0 && m.pss() > 0 && m.vmSize() >= m.vmRss(), m.toString());
        pids.add(m.pid());
      }
    }
    // busybox is static: one more instance costs its whole RSS, and a little PSS.
    assertTrue(run.marginal().oneMore().rss() > 256 * 1024, run.marginal().toString());
    assertTrue(run.marginal().slope().rss() > 256 * 1024, run.marginal().toString());
    assertTrue(run.marginal().oneMore().pss() > 0, run.marginal().toString());
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "left running: " + pid);
    }
  }

  @Test
  void webdMarginalCostIsPositiveAndStableAcrossTwoRuns() {
    MarginalCost first = webdRamp("mt0003");
    MarginalCost second = webdRamp("mt0004");
    for (MarginalCost c : List.of(first, second)) {
      assertTrue(c.oneMore().uss() > 0 && c.oneMore().pss() > 0 && c.oneMore().rss() > 0, c.toString());
      assertTrue(c.slope().uss() > 0 && c.slope().pss() > 0 && c.slope().rss() > 0, c.toString());
    }
    assertWithin20Percent(first.slope().uss(), second.slope().uss(), "USS slope");
    assertWithin20Percent(first.slope().pss(), second.slope().pss(), "PSS slope");
    assertWithin20Percent(first.slope().rss(), second.slope().rss(), "RSS slope");
    assertWithin20Percent(first.oneMore().pss(), second.oneMore().pss(), "PSS one more");
  }

  private MarginalCost webdRamp(String runId) {
    Setup setup = new Setup(Workloads.named("webd", null), work, runId, TestPorts.base(), Map.of());
    try (Prepared p = Runtimes.named("native").prepare(setup)) {
      return new MemoryExperiment(List.of(1, 2), Duration.ofSeconds(5), line -> {}).run(p, "native").marginal();
    }
  }

  private static void assertWithin20Percent(double a, double b, String what) {
    assertTrue(Math.abs(a - b) <= 0.2 * Math.max(Math.abs(a), Math.abs(b)),
        what + " differs by more than 20 %: " + a + " vs " + b);
  }

  @Test
  void sharedDaemonsAreReportedApartAndCountedOnce() throws Exception {
    Process daemon = new ProcessBuilder("sleep", "60").start();
    try {
      Setup setup = new Setup(Workloads.named("busybox-httpd", null), work, "mt0002", TestPorts.base(), Map.of());
      MemoryRun run;
      try (Prepared p = new WithSharedDaemon(Runtimes.named("native").prepare(setup), daemon.pid())) {
        run = new MemoryExperiment(List.of(1), Duration.ZERO, line -> {}).run(p, "native");
      }
      for (MemoryStep s : run.steps()) {
        assertEquals(1, s.shared().size());
        assertEquals(daemon.pid(), s.shared().get(0).pid());
        MemoryStep first = run.steps().get(0);
        assertTrue(s.total().rss() > first.perInstance().get(0).total().rss());
      }
    } finally {
      daemon.destroyForcibly().waitFor();
    }
  }

  /** The native runtime with a real process named as the daemon every instance shares. */
  private record WithSharedDaemon(Prepared inner, long daemon) implements Prepared {
    @Override
    public Instance launch(int id) {
      return inner.launch(id);
    }

    @Override
    public void cleanupLeftovers() {
      inner.cleanupLeftovers();
    }

    @Override
    public Map<String, String> facts() {
      return inner.facts();
    }

    @Override
    public ProcessTree sharedProcesses() {
      return ProcessTree.of(daemon);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
