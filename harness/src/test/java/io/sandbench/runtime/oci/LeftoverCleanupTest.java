package io.sandbench.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.measure.TestPorts;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.gvisor.GvisorRuntime;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process that launched containers leaves containers, netns, veths and processes;
 * the next run's {@code cleanupLeftovers()} removes every one of them.
 */
class LeftoverCleanupTest {
  @TempDir Path work;

  @Test
  void cleanupAfterKillMinusNineRemovesEverything() throws Exception {
    Path out = work.resolve("child.out");
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            javaBin.toString(), "-cp", System.getProperty("java.class.path"),
            CrashingLauncher.class.getName(), work.resolve("child").toString(),
            Integer.toString(TestPorts.base()));
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process child = pb.start();
    String tag = null;
    String mark = null;
    try {
      long until = System.currentTimeMillis() + 90_000;
      while (System.currentTimeMillis() < until && child.isAlive()) {
        for (String line : Files.readAllLines(out)) {
          if (line.startsWith("READY ")) {
            tag = line.split(" ")[1];
            mark = line.split(" ")[2];
          }
        }
        if (tag != null) {
          break;
        }
        Thread.sleep(100);
      }
      assertTrue(tag != null, "child never got ready: " + Files.readString(out));
    } finally {
      child.destroyForcibly(); // SIGKILL of the JVM alone: its containers stay behind.
      child.waitFor(10, TimeUnit.SECONDS);
    }
    List<OciCli> clis =
        List.of(OciRuntimesTest.cliOf("runc"), GvisorRuntime.cli(Path.of("/usr/bin/runsc"), "ptrace"));
    List<String> before = Leftovers.of(tag, clis, mark);
    assertTrue(before.stream().anyMatch(s -> s.startsWith("runc container")), before.toString());
    assertTrue(before.stream().anyMatch(s -> s.startsWith("runsc container")), before.toString());
    assertTrue(before.stream().anyMatch(s -> s.startsWith("netns")), before.toString());
    assertTrue(before.stream().anyMatch(s -> s.startsWith("link")), before.toString());
    assertTrue(before.stream().anyMatch(s -> s.startsWith("process")), before.toString());

    for (String name : List.of("runc", "gvisor")) {
      Path dir = Files.createDirectories(work.resolve("next-" + name));
      try (Prepared next =
          Runtimes.named(name)
              .prepare(new Setup(new BusyboxHttpdWorkload(), dir, "ffffff", TestPorts.base(), Map.of()))) {
        next.cleanupLeftovers();
      }
    }
    assertEquals(List.of(), Leftovers.of(tag, clis, mark));
    io.sandbench.exec.RunTag.forget(tag);
  }
}
