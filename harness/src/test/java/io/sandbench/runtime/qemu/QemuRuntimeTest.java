package io.sandbench.runtime.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.net.Tap;
import io.sandbench.runtime.BootTimeline;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.proc.VmmOverhead;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import io.sandbench.scenario.WebdWorkload;
import java.nio.file.Files;
import io.sandbench.runtime.vm.FirstOk;
import io.sandbench.scenario.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real QEMU guests (TCG here): they boot, answer, report their phases, and leave nothing. */
class QemuRuntimeTest {
  static final Duration BOOT_DEADLINE = Duration.ofSeconds(90);
  static final List<String> PHASES =
      List.of("vmm-started", "kernel-start", "init", "modules-loaded", "network-up",
          "workload-exec", "workload-listening");

  @TempDir static Path work;

  @BeforeAll
  static void qemuPresent() {
    var a = new QemuRuntime().probe(Host.detect());
    assumeTrue(a.available(), a.explain("qemu"));
  }

  static Setup setup(Workload w, String name, Map<String, String> options) {
    return new Setup(w, work.resolve(name), RunTag.create().value(), 18400, options);
  }

  @Test
  void twoMicrovmGuestsAnswerWithOrderedBootPhasesAndLeaveNothing() throws Exception {
    Workload w = new BusyboxHttpdWorkload();
    Setup s = setup(w, "two", Map.of());
    List<Long> pids = new ArrayList<>();
    try (Prepared p = new QemuRuntime().prepare(s)) {
      assertEquals("microvm", p.facts().get("machine"));
      assertTrue(List.of("kvm", "tcg").contains(p.facts().get("acceleration")), p.facts().toString());
      List<Instance> instances = List.of(p.launch(0), p.launch(1));
      try {
        for (Instance i : instances) {
          pids.addAll(i.processes().pids());
          long ms = FirstOk.await(i, BOOT_DEADLINE);
          assertTrue(ms >= 0, "instance " + i.id() + " never answered 200:\n" + i.outputTail(30));
        }
        BootTimeline t = instances.get(0).timeline().orElseThrow();
        List<String> names = new ArrayList<>();
        long last = -1;
        for (BootTimeline.Mark m : t.marks()) {
          names.add(m.name());
          assertTrue(m.micros() >= last, "phases out of order: " + t);
          last = m.micros();
        }
        assertEquals(PHASES, names.subList(0, PHASES.size()), t.toString());
        System.out.println("qemu microvm instance 0 boot phases (us from launch): " + t.marks());

        VmmOverhead mem = VmmOverhead.of(instances.get(0).processes().roots().get(0), 128).orElseThrow();
        assertTrue(mem.guestRssKib() > 0 && mem.guestRssKib() <= 128 * 1024, mem.toString());
        assertTrue(mem.overheadRssKib() > 0, mem.toString());
        System.out.println("qemu microvm instance 0 memory: " + mem);
      } finally {
        instances.forEach(Instance::close);
      }
      assertEquals(List.of(), alive(pids), "VMM processes left after close");
      assertEquals(List.of(), tapsOf(s.runId()), "taps left after close");
    }
  }

  @Test
  void webdRunsFromAnExt4DiskInsideAGuest() throws Exception {
    Workload webd = new WebdWorkload();
    assumeTrue(Files.isExecutable(webd.root().resolve("bin/webd")), "webd image not built");
    Setup s = setup(webd, "webd", Map.of("memory-mib", "192"));
    try (Prepared p = new QemuRuntime().prepare(s);
        Instance i = p.launch(0)) {
      assertEquals("virtio-blk ext4", p.facts().get("guest.workload-on"));
      long ms = FirstOk.await(i, Duration.ofSeconds(240));
      assertTrue(ms >= 0, "webd never answered 200 in its guest:\n" + i.outputTail(40));
      System.out.println("qemu microvm webd: first 200 after " + ms + " ms; phases " + i.timeline().orElseThrow().marks());
    }
  }

  @Test
  void userModeNetworkForwardsAHostPort() throws Exception {
    Setup s = setup(new BusyboxHttpdWorkload(), "user", Map.of("net", "user"));
    try (Prepared p = new QemuRuntime().prepare(s);
        Instance i = p.launch(3)) {
      assertEquals("user", p.facts().get("network"));
      assertEquals("http://127.0.0.1:18403/", i.endpoint().toString());
      assertTrue(FirstOk.await(i, BOOT_DEADLINE) >= 0, i.outputTail(30));
    }
  }

  @Test
  void aGuestThatNeverBootsFailsWithItsConsoleTail() throws Exception {
    Setup s = setup(new BusyboxHttpdWorkload(), "bad", Map.of("cmdline-extra", "rdinit=/no/such/init"));
    try (Prepared p = new QemuRuntime().prepare(s);
        Instance i = p.launch(0)) {
      assertEquals(-1, FirstOk.await(i, Duration.ofSeconds(30)));
      String tail = i.outputTail(5);
      assertTrue(tail.contains("Kernel panic"), "the panic's cause belongs in a short tail: " + tail);
    }
  }

  @Test
  void theAccelerationProbeRecognisesAGuestThatBootsAndOneThatDoesNot() throws Exception {
    Setup s = setup(new BusyboxHttpdWorkload(), "probe", Map.of("accel", "tcg"));
    try (QemuPrepared p = (QemuPrepared) new QemuRuntime().prepare(s)) {
      assertEquals("tcg asked for (accel=tcg)", p.facts().get("acceleration.reason"));
      // The same probe the KVM check runs, here under TCG: it must see the guest reach its init.
      long t0 = System.nanoTime();
      assertEquals("", Acceleration.probe(p.command(), p.image(), s.workDir(), Duration.ofSeconds(90)));
      System.out.println("probe of a good guest: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      QemuCommand broken =
          new QemuCommand(p.command().binary(), "microvm", false, 128, 1, p.command().tscKhz(),
              List.of("rdinit=/no/such/init"));
      t0 = System.nanoTime();
      String why = Acceleration.probe(broken, p.image(), s.workDir(), Duration.ofSeconds(60));
      System.out.println("probe of a broken guest: " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + why);
      assertFalse(why.isEmpty(), "a guest without init must not count as booted");
    }
  }

  static List<Long> alive(List<Long> pids) {
    List<Long> left = new ArrayList<>();
    for (long pid : pids) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        left.add(pid);
      }
    }
    return left;
  }

  static List<String> tapsOf(String tag) {
    List<String> left = new ArrayList<>();
    for (String t : Tap.ours()) {
      if (t.startsWith("sb" + tag)) {
        left.add(t);
      }
    }
    return left;
  }
}
