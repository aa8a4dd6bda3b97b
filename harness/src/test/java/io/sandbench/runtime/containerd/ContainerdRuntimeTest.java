package io.sandbench.runtime.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.measure.TestPorts;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.oci.TestHttp;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two containers through a containerd the test starts itself answer 200, then leave nothing. */
class ContainerdRuntimeTest {
  @TempDir Path work;

  @Test
  void probeSaysHowToStartAMissingDaemon() {
    Availability a = new ContainerdRuntime(Path.of("/run/sandbench/no-such.sock"), null).probe(Host.detect());
    assertFalse(a.available());
    assertTrue(a.explain("containerd").contains("start one"), a.explain("containerd"));
  }

  @Test
  void containersThroughAPrivateContainerd() throws Exception {
    Path dir = PrivateDaemon.newDir("ctd");
    Path sock = dir.resolve("c.sock");
    Files.writeString(
        dir.resolve("config.toml"),
        "version = 2\n"
            + "root = \"" + dir.resolve("root") + "\"\n"
            + "state = \"" + dir.resolve("state") + "\"\n"
            + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
            + "[grpc]\n  address = \"" + sock + "\"\n"
            + "[ttrpc]\n  address = \"" + sock + ".ttrpc\"\n"
            + "[plugins.\"io.containerd.internal.v1.opt\"]\n  path = \"" + dir.resolve("opt") + "\"\n");
    try (PrivateDaemon d =
        PrivateDaemon.start(
            "containerd", dir, sock,
            List.of("/usr/bin/containerd", "--config", dir.resolve("config.toml").toString()),
            List.of("/usr/bin/ctr", "--address", sock.toString(), "version"))) {
      ContainerdRuntime runtime = new ContainerdRuntime(sock, null);
      Availability a = runtime.probe(Host.detect());
      assertTrue(a.available(), a.explain("containerd"));
      assertTrue(a.version().startsWith("containerd 1."), a.version());
      RunTag tag = RunTag.create();
      List<Instance> instances = new ArrayList<>();
      List<Set<Long>> trees = new ArrayList<>();
      CtrCli ctr = new CtrCli(Path.of("/usr/bin/ctr"), sock);
      try (Prepared p =
          runtime.prepare(new Setup(new BusyboxHttpdWorkload(), work, tag.value(), TestPorts.base(), Map.of()))) {
        try {
          for (int i = 0; i < 2; i++) {
            instances.add(p.launch(i));
          }
          for (Instance in : instances) {
            assertTrue(TestHttp.awaitOk(in, 30_000), "no 200 from " + in.endpoint() + ": " + in.outputTail(10));
            Set<Long> pids = TestHttp.settledTree(in, 2);
            // The shim and the container's init under it.
            assertTrue(pids.size() >= 2, "tree " + pids);
            trees.add(pids);
            Set<Long> shared = p.sharedProcesses().pids();
            assertTrue(shared.contains(d.pid()), "the private daemon " + d.pid() + " is shared: " + shared);
            assertTrue(java.util.Collections.disjoint(shared, pids), "daemon apart from " + pids);
          }
        } finally {
          instances.forEach(Instance::close);
        }
      } finally {
        tag.release();
      }
      assertEquals(List.of(), ctr.containers());
      for (Set<Long> pids : trees) {
        for (long pid : pids) {
          assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "survivor " + pid);
        }
      }
    }
  }
}
