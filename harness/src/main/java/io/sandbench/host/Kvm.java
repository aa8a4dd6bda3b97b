package io.sandbench.host;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this machine can run hardware-accelerated guests: is there a /dev/kvm, and which kvm
 * module backs it (from /proc/modules). A {@code kvm_pvm} device is a nested PVM ("pagetable-based
 * virtual machine") device: it opens and answers ioctls but runs no ordinary guest, which then
 * hangs; drivers must treat it as "no usable KVM" ({@link #usable()}).
 *
 * @param device whether /dev/kvm exists
 * @param module kvm_intel, kvm_amd, kvm_pvm, "none" (modules listed, no kvm one) or "unknown"
 *     (/proc/modules unreadable, or kvm built into the kernel)
 * @param description one line for the user
 */
public record Kvm(boolean device, String module, String description) {

  public static final String PVM = "kvm_pvm";

  /** Reads /dev/kvm and /proc/modules; no external command. */
  public static Kvm detect() {
    return of(Files.exists(Path.of("/dev/kvm")), Host.read("/proc/modules"));
  }

  /** From the presence of /dev/kvm and the text of /proc/modules ("" when unreadable). */
  public static Kvm of(boolean device, String procModules) {
    String module = moduleIn(procModules);
    return new Kvm(device, module, describe(device, module));
  }

  /** Whether an ordinary KVM guest can run here: a device not backed by a nested PVM. */
  public boolean usable() {
    return device && !PVM.equals(module);
  }

  static String moduleIn(String procModules) {
    if (procModules == null || procModules.isBlank()) {
      return "unknown";
    }
    // PVM first: a host with kvm_pvm loaded may also list kvm_intel/kvm_amd.
    for (String name : new String[] {PVM, "kvm_intel", "kvm_amd"}) {
      for (String line : procModules.split("\n")) {
        if (line.startsWith(name + " ")) {
          return name;
        }
      }
    }
    return "none";
  }

  private static String describe(boolean device, String module) {
    if (!device) {
      return "no /dev/kvm"
          + (module.startsWith("kvm_") ? " (" + module + " is loaded but has no device node)" : "");
    }
    switch (module) {
      case PVM:
        return "/dev/kvm is a nested PVM device (kvm_pvm): it runs no ordinary guest;"
            + " microVMs need real KVM (kvm_intel/kvm_amd) or fall back to TCG emulation";
      case "kvm_intel":
      case "kvm_amd":
        return "/dev/kvm backed by " + module;
      default:
        return "/dev/kvm present (no kvm module in /proc/modules: built into the kernel or unreadable)";
    }
  }
}
