package io.sandbench.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.measure.TestPorts;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.gvisor.GvisorRuntime;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Four busybox httpd containers per runtime and network mode answer 200, then leave nothing. */
class OciRuntimesTest {
  private static final int INSTANCES = 4;

  @TempDir Path work;

  @ParameterizedTest(name = "{0} network={1}")
  @CsvSource({
    "runc, host", "runc, isolated",
    "crun, host", "crun, isolated",
    "gvisor, host", "gvisor, isolated"
  })
  void fourInstancesAnswerAndLeaveNothing(String name, String network) throws Exception {
    Runtime runtime = Runtimes.named(name);
    Availability a = runtime.probe(Host.detect());
    assertTrue(a.available(), a.explain(name));
    RunTag tag = RunTag.create();
    Setup setup =
        new Setup(new BusyboxHttpdWorkload(), work, tag.value(), TestPorts.base(), Map.of("network", network));
    List<Instance> instances = new ArrayList<>();
    List<Set<Long>> trees = new ArrayList<>();
    OciCli cli;
    try (Prepared prepared = runtime.prepare(setup)) {
      assertEquals(network, prepared.facts().get("network"));
      cli = cliOf(name);
      try {
        for (int i = 0; i < INSTANCES; i++) {
          instances.add(prepared.launch(i));
        }
        for (Instance in : instances) {
          boolean ok = TestHttp.awaitOk(in, 30_000);
          assertTrue(ok, name + " instance " + in.id() + " at " + in.endpoint() + " gave no 200: " + in.outputTail(10));
          if (network.equals("isolated")) {
            assertTrue(in.endpoint().getHost().startsWith("10.213."), in.endpoint().toString());
          }
          Set<Long> pids = in.processes().pids();
          assertFalse(pids.isEmpty(), "no processes for instance " + in.id());
          trees.add(pids);
          assertTrue(in.exitCode().isEmpty(), "running instance reports an exit code");
        }
        if (name.equals("gvisor")) {
          // The sandbox and its gofer are both in the tree.
          assertTrue(trees.get(0).size() >= 2, "gvisor tree: " + trees.get(0));
        }
      } finally {
        instances.forEach(Instance::beginStop);
        instances.forEach(Instance::close);
      }
    } finally {
      tag.release();
    }
    for (Set<Long> pids : trees) {
      for (long p : pids) {
        assertFalse(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false), "process " + p + " survived close");
      }
    }
    assertEquals(List.of(), Leftovers.of(tag.value(), List.of(cli), null));
    assertFalse(Files.exists(work.resolve(cli.name() + "-bundles")), "bundles left after close");
  }

  @Test
  void missingBinaryNamesThePackage() {
    Availability a = new OciRuntime("crun", Path.of("/nonexistent/crun")).probe(Host.detect());
    assertFalse(a.available());
    assertTrue(a.explain("crun").contains("apt-get install crun"), a.explain("crun"));
    Availability g = new GvisorRuntime(Path.of("/nonexistent/runsc")).probe(Host.detect());
    assertFalse(g.available());
    assertTrue(g.explain("gvisor").contains("apt-get install runsc"), g.explain("gvisor"));
  }

  /** An instance stopped while its runtime is still starting it must not break the next launch. */
  @Test
  void relaunchAfterAStopInTheMiddleOfAStart() throws Exception {
    RunTag tag = RunTag.create();
    Setup setup = new Setup(new BusyboxHttpdWorkload(), work, tag.value(), TestPorts.base(), Map.of());
    try (Prepared p = Runtimes.named("runc").prepare(setup)) {
      for (int round = 0; round < 3; round++) {
        Instance early = p.launch(0);
        Thread.sleep(round * 15L);
        early.beginStop();
        early.close();
      }
      Instance in = p.launch(0);
      try {
        assertTrue(TestHttp.awaitOk(in, 30_000), in.outputTail(10));
      } finally {
        in.close();
      }
    } finally {
      tag.release();
    }
    assertEquals(List.of(), Leftovers.of(tag.value(), List.of(cliOf("runc")), null));
  }

  @Test
  void gvisorPlatformIsCheckedAgainstThisRunscAndThisHost() {
    GvisorRuntime g = new GvisorRuntime();
    Setup systrap = new Setup(new BusyboxHttpdWorkload(), work, "abcdef", 1, Map.of("platform", "nosuchplatform"));
    io.sandbench.UserError e = org.junit.jupiter.api.Assertions.assertThrows(io.sandbench.UserError.class, () -> g.prepare(systrap));
    assertTrue(e.getMessage().contains("platform=ptrace"), e.getMessage());
    if (!Files.exists(Path.of("/dev/kvm"))) {
      Setup kvm = new Setup(new BusyboxHttpdWorkload(), work, "abcdef", 1, Map.of("platform", "kvm"));
      io.sandbench.UserError k = org.junit.jupiter.api.Assertions.assertThrows(io.sandbench.UserError.class, () -> g.prepare(kvm));
      assertTrue(k.getMessage().contains("/dev/kvm"), k.getMessage());
    }
  }

  @Test
  void crunRecordsTheCgroupWorkaroundWhenItIsUsed() {
    try (Prepared p =
        Runtimes.named("crun").prepare(new Setup(new BusyboxHttpdWorkload(), work, "abcdef", 1, Map.of()))) {
      assertEquals(CrunCgroups.needsWorkaround(), p.facts().containsKey("cgroups"), p.facts().toString());
    }
  }

  static OciCli cliOf(String name) {
    switch (name) {
      case "gvisor":
        return GvisorRuntime.cli(Path.of("/usr/bin/runsc"), "ptrace");
      default:
        OciRuntime r = new OciRuntime(name);
        return r.cli(new OciBinary(name, null).require());
    }
  }

  static String ownerMark() {
    return OwnerMark.self();
  }
}
