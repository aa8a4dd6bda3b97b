package io.sandbench.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.UserError;
import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.measure.TestPorts;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.containerd.PrivateDaemon;
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

/** Two containers through a dockerd the test starts itself answer 200, then leave nothing. */
class DockerRuntimeTest {
  @TempDir Path work;

  @Test
  void probeSaysHowToStartAMissingDaemon() {
    Availability a = new DockerRuntime(Path.of("/run/sandbench/no-such.sock"), null).probe(Host.detect());
    assertFalse(a.available());
    assertTrue(a.explain("docker").contains("start one"), a.explain("docker"));
  }

  @Test
  void containersThroughAPrivateDockerd() throws Exception {
    Path dir = PrivateDaemon.newDir("dkr");
    Path sock = dir.resolve("d.sock");
    Files.writeString(dir.resolve("daemon.json"), "{}\n");
    try (PrivateDaemon d =
        PrivateDaemon.start(
            "dockerd", dir, sock,
            List.of(
                "/usr/sbin/dockerd", "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--host", "unix://" + sock,
                "--pidfile", dir.resolve("d.pid").toString(), "--config-file", dir.resolve("daemon.json").toString(),
                "--bridge", "none", "--iptables=false", "--ip-masq=false"),
            List.of("/usr/bin/docker", "--host", "unix://" + sock, "version"))) {
      DockerRuntime runtime = new DockerRuntime(sock, Path.of("/usr/bin/docker"));
      Availability a = runtime.probe(Host.detect());
      assertTrue(a.available(), a.explain("docker"));
      RunTag tag = RunTag.create();
      List<Instance> instances = new ArrayList<>();
      List<Set<Long>> trees = new ArrayList<>();
      try {
        assertThrows(
            UserError.class,
            () -> runtime.prepare(new Setup(new BusyboxHttpdWorkload(), work, tag.value(), 1, Map.of("network", "isolated"))));
        try (Prepared p =
            runtime.prepare(new Setup(new BusyboxHttpdWorkload(), work, tag.value(), TestPorts.base(), Map.of()))) {
          try {
            for (int i = 0; i < 2; i++) {
              instances.add(p.launch(i));
            }
            for (Instance in : instances) {
              assertTrue(TestHttp.awaitOk(in, 30_000), "no 200 from " + in.endpoint() + ": " + in.outputTail(10));
              Set<Long> pids = TestHttp.settledTree(in, 2);
              assertTrue(pids.size() >= 2, "shim and container expected, tree " + pids + " log: " + in.outputTail(5));
              trees.add(pids);
              Set<Long> shared = p.sharedProcesses().pids();
              assertTrue(shared.contains(d.pid()), "the private daemon " + d.pid() + " is shared: " + shared);
              assertTrue(java.util.Collections.disjoint(shared, pids), "daemon apart from " + pids);
            }
          } finally {
            instances.forEach(Instance::close);
          }
        }
      } finally {
        tag.release();
      }
      assertEquals(List.of(), runtime.cli().containerNames());
      for (Set<Long> pids : trees) {
        for (long pid : pids) {
          assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "survivor " + pid);
        }
      }
    }
  }
}
