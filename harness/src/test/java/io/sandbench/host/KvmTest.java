package io.sandbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KvmTest {
  static final String PVM_MODULES =
      "kvm_pvm 61440 0 - Live 0xffffffffc0a00000\n"
          + "kvm 1142784 1 kvm_pvm, Live 0xffffffffc0800000\n"
          + "irqbypass 16384 1 kvm, Live 0x0000000000000000\n";

  @Test
  void aPvmDeviceIsReportedAsNestedAndUnusable() {
    Kvm k = Kvm.of(true, PVM_MODULES);
    assertEquals("kvm_pvm", k.module());
    assertTrue(k.description().contains("nested PVM"), k.description());
    assertTrue(k.description().contains("runs no ordinary guest"), k.description());
    assertFalse(k.usable());
  }

  @Test
  void pvmWinsOverAnOrdinaryModuleLoadedBesideIt() {
    assertEquals("kvm_pvm", Kvm.of(true, "kvm_intel 380928 0 - Live 0x0\n" + PVM_MODULES).module());
  }

  @Test
  void intelAndAmdBackARealDevice() {
    Kvm intel = Kvm.of(true, "kvm_intel 380928 0 - Live 0x0\nkvm 1142784 1 kvm_intel, Live 0x0\n");
    assertEquals("kvm_intel", intel.module());
    assertTrue(intel.usable());
    assertEquals("/dev/kvm backed by kvm_amd", Kvm.of(true, "kvm_amd 200704 0 - Live 0x0\n").description());
  }

  @Test
  void noDeviceIsNeverUsable() {
    Kvm k = Kvm.of(false, "kvm_amd 200704 0 - Live 0x0\n");
    assertFalse(k.usable());
    assertTrue(k.description().startsWith("no /dev/kvm"), k.description());
  }

  @Test
  void unreadableModulesLeaveTheBackingUnknown() {
    Kvm k = Kvm.of(true, "");
    assertEquals("unknown", k.module());
    assertTrue(k.usable());
    assertEquals("none", Kvm.of(false, "ext4 1000 1 - Live 0x0\n").module());
  }
}
