package io.sandbench.runtime.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.net.Tap;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After kill -9 of the process that launched a guest, the next run removes the VM and its tap. */
class QemuLeftoversTest {
  @TempDir Path work;

  @Test
  void cleanupLeftoversRemovesAKilledRunsGuestAndTap() throws Exception {
    assumeTrue(new QemuRuntime().probe(Host.detect()).available(), "qemu not installed");
    assumeTrue(io.sandbench.runtime.vm.GuestNetwork.canCreateTaps(), "taps need root");
    Path out = work.resolve("child.out");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                LeftoverGuest.class.getName(), work.toString())
            .redirectOutput(out.toFile())
            .redirectError(work.resolve("child.err").toFile())
            .start();
    String[] ready = null;
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (ready == null && System.nanoTime() < until && child.isAlive()) {
        for (String line : Files.readAllLines(out)) {
          if (line.startsWith("READY ")) {
            ready = line.split(" ");
          }
        }
        Thread.sleep(100);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      child.waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(ready != null, "child never launched its guest: " + Files.readString(work.resolve("child.err")));
    String tag = ready[1];
    long vmm = Long.parseLong(ready[2]);
    assertTrue(ProcessHandle.of(vmm).map(ProcessHandle::isAlive).orElse(false), "VMM should outlive a kill -9");
    assertTrue(RunTag.deadTags().contains(tag));
    assertFalse(QemuRuntimeTest.tapsOf(tag).isEmpty(), "the tap should outlive a kill -9");

    Setup s = new Setup(new BusyboxHttpdWorkload(), work.resolve("next"), RunTag.create().value(), 18600, Map.of());
    try (Prepared next = new QemuRuntime().prepare(s)) {
      next.cleanupLeftovers();
    }
    ProcessHandle.of(vmm).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(vmm).map(ProcessHandle::isAlive).orElse(false), "VMM still running");
    assertEquals(List.of(), QemuRuntimeTest.tapsOf(tag), "tap still there");
    RunTag.forget(tag);
  }
}
