package io.sandbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupSample;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.Stagger;
import io.sandbench.scenario.Workload;
import io.sandbench.scenario.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup experiment on real native processes. */
class StartupExperimentTest {
  @TempDir Path work;

  static StartupPlan plan(int instances, Stagger stagger, Duration timeout) {
    return new StartupPlan(
        List.of(instances), List.of(stagger), 2, 0, Duration.ZERO, timeout, Duration.ofMillis(1), null);
  }

  List<StartupConfiguration> run(Workload w, StartupPlan plan) throws Exception {
    return run(w, plan, Map.of());
  }

  List<StartupConfiguration> run(Workload w, StartupPlan plan, Map<String, String> options)
      throws Exception {
    Setup setup = new Setup(w, work, "test01", TestPorts.base(), options);
    try (Prepared p = Runtimes.named("native").prepare(setup)) {
      return new StartupExperiment(p, plan, StartupListener.NONE).run();
    }
  }

  @Test
  void fourBusyboxInstancesAnswer() throws Exception {
    List<StartupConfiguration> out =
        run(Workloads.named("busybox-httpd", null), plan(4, Stagger.NONE, Duration.ofSeconds(20)));
    StartupConfiguration c = out.get(0);
    assertEquals(4, c.instances());
    assertEquals(2, c.iterations().size());
    for (StartupIteration it : c.iterations()) {
      assertEquals(4, it.samples().size());
      for (StartupSample s : it.samples()) {
        assertNull(s.failure(), s.failure());
        assertTrue(s.readyMicros() > 0);
        assertTrue(s.probeAttempts() >= 1);
      }
    }
    assertEquals(8, c.summary().n());
    assertEquals(0, c.failures());
  }

  @Test
  void nativeInIsolatedNetnsAnswersOnItsOwnAddressAndLeavesNoLink() throws Exception {
    StartupConfiguration c = run(Workloads.named("busybox-httpd", null),
        plan(2, Stagger.NONE, Duration.ofSeconds(20)), Map.of("network", "isolated")).get(0);
    assertEquals(0, c.failures(), () -> c.iterations().toString());
    String links = io.sandbench.exec.ExternalCommand.run(
        List.of("ip", "-o", "link", "show"), Duration.ofSeconds(5)).stdout();
    assertTrue(!links.contains("sbtest01"), links);
    String netns = io.sandbench.exec.ExternalCommand.run(
        List.of("ip", "netns", "list"), Duration.ofSeconds(5)).stdout();
    assertTrue(!netns.contains("sandbench-test01"), netns);
  }

  @Test
  void fourWebdInstancesAnswer() throws Exception {
    StartupConfiguration c =
        run(Workloads.named("webd", null), plan(4, Stagger.NONE, Duration.ofSeconds(30))).get(0);
    assertEquals(0, c.failures(), () -> c.iterations().toString());
    assertEquals(8, c.summary().n());
  }

  @Test
  void aWorkloadThatExitsAtOnceIsAFailureWithItsExitCodeAndOutput() throws Exception {
    Workload exits = Workloads.named("command", "sh -c 'echo boom-{port}; exit 3'");
    StartupConfiguration c = run(exits, plan(2, Stagger.NONE, Duration.ofSeconds(10))).get(0);
    assertEquals(4, c.failures());
    String why = c.iterations().get(0).samples().get(0).failure();
    assertTrue(why.contains("exited with code 3"), why);
    assertTrue(why.contains("boom-"), why);
  }

  @Test
  void aWorkloadThatNeverListensFailsAtTheDeadline() throws Exception {
    Workload silent = Workloads.named("command", "sleep 30 {port}");
    StartupConfiguration c = run(silent, plan(1, Stagger.NONE, Duration.ofMillis(500))).get(0);
    assertEquals(2, c.failures());
    String why = c.iterations().get(0).samples().get(0).failure();
    assertTrue(why.contains("no HTTP 200 within 500 ms"), why);
  }

  @Test
  void launchesAreSpacedByAtLeastTheStagger() throws Exception {
    Stagger s = Stagger.parse("40ms");
    StartupConfiguration c =
        run(Workloads.named("busybox-httpd", null), plan(3, s, Duration.ofSeconds(20))).get(0);
    for (StartupIteration it : c.iterations()) {
      List<StartupSample> samples = it.samples();
      for (int i = 1; i < samples.size(); i++) {
        long gap = samples.get(i).launchOffsetMicros() - samples.get(i - 1).launchOffsetMicros();
        assertTrue(gap >= 40_000, "launch gap " + gap + " us < 40 ms");
      }
    }
    assertNotNull(c.summary());
  }
}
