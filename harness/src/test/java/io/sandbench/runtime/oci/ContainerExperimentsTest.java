package io.sandbench.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.measure.LoadExperiment;
import io.sandbench.measure.LoadResult;
import io.sandbench.measure.MemoryExperiment;
import io.sandbench.measure.MemoryRun;
import io.sandbench.measure.MemoryStep;
import io.sandbench.measure.TestPorts;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory and monitor experiments on real containers: each instance's tree must hold the
 * runtime's processes and the container's, and the monitor must keep following them after the
 * detached starter has exited.
 */
class ContainerExperimentsTest {
  @TempDir Path work;

  @ParameterizedTest
  @CsvSource({"runc,host", "crun,host", "gvisor,host", "runc,isolated"})
  void memoryCountsTheContainersProcesses(String runtime, String network) {
    Setup setup = new Setup(Workloads.named("busybox-httpd", null), work, "ce" + runtime.charAt(0)
        + network.charAt(0) + "01", TestPorts.base(), Map.of("network", network));
    MemoryRun run;
    try (Prepared p = Runtimes.named(runtime).prepare(setup)) {
      run = new MemoryExperiment(List.of(1), Duration.ofSeconds(3), line -> {}).run(p, runtime);
    }
    for (MemoryStep s : run.steps()) {
      // gVisor's sandboxed processes are not host processes: its sandbox and gofer stand for them.
      String inside = runtime.equals("gvisor") ? "runsc" : "httpd";
      s.perInstance().forEach(i -> assertTrue(
          i.processes().stream().anyMatch(m -> m.command().contains(inside)) && i.total().rss() > 0,
          runtime + ": " + inside + " is in the instance's tree: " + i));
    }
    assertTrue(run.marginal().oneMore().rss() > 0, run.marginal().toString());
  }

  @ParameterizedTest
  @CsvSource({"runc,host", "gvisor,host"})
  void monitorFollowsTheContainerAfterItsStarterExits(String runtime, String network) {
    LoadExperiment.Plan plan = new LoadExperiment.Plan(Duration.ofMillis(200),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), 1);
    Setup setup = new Setup(Workloads.named("webd", null), work, "cm" + runtime.charAt(0) + "001",
        TestPorts.base(), Map.of("network", network));
    LoadResult r;
    try (Prepared p = Runtimes.named(runtime).prepare(setup)) {
      r = new LoadExperiment(plan, line -> {}).run(p, runtime);
    }
    for (String phase : List.of("idle", "load", "after")) {
      assertTrue(r.samples().stream().anyMatch(s -> s.phase().equals(phase) && s.rssBytes() > 0),
          runtime + ": RSS seen in the " + phase + " phase: " + r.samples());
    }
    assertTrue(r.summary().load().requests() > 10, r.summary().toString());
  }
}
