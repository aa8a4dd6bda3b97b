package io.sandbench.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.measure.StartupExperiment;
import io.sandbench.measure.StartupListener;
import io.sandbench.measure.StartupPlan;
import io.sandbench.measure.TestPorts;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.scenario.Stagger;
import io.sandbench.scenario.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's shim as templates, driving real processes. */
class CustomRuntimeTest {
  @TempDir Path work;
  @TempDir Path marks;

  @Test
  void launchesThroughTheTemplateAndRunsStopAndCleanup() throws Exception {
    Map<String, String> options = Map.of(
        "launch", "env SHIM_ID={id} {workload}",
        "stop", "touch " + marks + "/stopped-{id}",
        "cleanup", "touch " + marks + "/cleaned");
    Setup setup = new Setup(Workloads.named("busybox-httpd", null), work, "cust01",
        TestPorts.base(), options);
    StartupPlan plan = new StartupPlan(List.of(2), List.of(Stagger.NONE), 1, 0, Duration.ZERO,
        Duration.ofSeconds(20), Duration.ofMillis(1), null);
    try (Prepared p = Runtimes.named("custom").prepare(setup)) {
      p.cleanupLeftovers();
      assertTrue(Files.exists(marks.resolve("cleaned")));
      StartupConfiguration c = new StartupExperiment(p, plan, StartupListener.NONE).run().get(0);
      assertEquals(0, c.failures(), c.iterations().toString());
      assertEquals("env SHIM_ID={id} {workload}", p.facts().get("launch"));
    }
    assertTrue(Files.exists(marks.resolve("stopped-0")));
    assertTrue(Files.exists(marks.resolve("stopped-1")));
  }

  @Test
  void templatesComeFromAFileAndFlagsWin() throws Exception {
    Path file = work.resolve("shim.properties");
    Files.writeString(file, "launch=sleep 1 {port}\nendpoint=http://127.0.0.1:{port}/x\n");
    Setup setup = new Setup(Workloads.named("busybox-httpd", null), work, "cust02",
        TestPorts.base(), Map.of("file", file.toString(), "launch", "{workload}"));
    try (Prepared p = Runtimes.named("custom").prepare(setup)) {
      assertEquals("{workload}", p.facts().get("launch"));
      assertEquals("http://127.0.0.1:{port}/x", p.facts().get("endpoint"));
    }
  }
}
