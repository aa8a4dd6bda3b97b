package io.sandbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostTest {
  @Test
  void detectsThisMachine() {
    Host h = Host.detect();
    assertFalse(h.cpuModel().isBlank());
    assertTrue(h.cores() >= 1);
    assertTrue(h.memoryBytes() > 0);
    assertEquals(System.getProperty("os.version"), h.kernel());
    assertEquals(Files.exists(Path.of("/dev/kvm")), h.kvm().device());
    assertTrue(h.cgroup().matches("v1|v2|hybrid|none"), h.cgroup());
    assertFalse(h.clockSource().isBlank());
    assertTrue(h.toMap().containsKey("kvm") && h.toMap().containsKey("cgroup"), h.toMap().toString());
  }

  @Test
  void cgroupVersionFromMounts() {
    String v2 = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n";
    String hybrid =
        "tmpfs /sys/fs/cgroup tmpfs rw 0 0\n"
            + "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n"
            + "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n";
    String v1 = "tmpfs /sys/fs/cgroup tmpfs rw 0 0\ncgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n";
    assertEquals("v2", CgroupVersion.fromMounts(v2));
    assertEquals("hybrid", CgroupVersion.fromMounts(hybrid));
    assertEquals("v1", CgroupVersion.fromMounts(v1));
    assertEquals("none", CgroupVersion.fromMounts("proc /proc proc rw 0 0\n"));
  }

  @Test
  void hypervisorFromFlagsDmiAndClock() {
    String guestCpu = "processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor lahf_lm\n";
    String metalCpu = "processor\t: 0\nflags\t\t: fpu vme sse2 vmx lahf_lm\n";
    assertEquals("bare metal", Hypervisor.describe(metalCpu, "", "Dell Inc.", "PowerEdge R650", "tsc"));
    assertEquals("hypervisor guest", Hypervisor.describe(guestCpu, "", "", "", "tsc"));
    assertEquals(
        "hypervisor guest (QEMU Standard PC (Q35 + ICH9, 2009), KVM: kvm-clock)",
        Hypervisor.describe(guestCpu, "", "QEMU", "Standard PC (Q35 + ICH9, 2009)", "kvm-clock"));
    assertEquals("hypervisor guest (xen)", Hypervisor.describe(metalCpu, "xen", "", "", "tsc"));
  }
}
