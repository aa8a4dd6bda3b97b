package io.sandbench.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether this machine is itself a guest, and of which hypervisor where the kernel shows it: the
 * "hypervisor" CPU flag, /sys/hypervisor/type (Xen), DMI vendor/product (cloud VMs, QEMU) and the
 * paravirtual clock source (kvm-clock, xen, hyperv_clocksource, ...). Measurements inside a guest
 * include its exits; nested microVMs are much slower.
 */
public final class Hypervisor {
  private Hypervisor() {}

  /** Reads /proc/cpuinfo, /sys/hypervisor and DMI where readable; no external command. */
  public static String detect(String clockSource) {
    return describe(
        Host.read("/proc/cpuinfo"),
        Host.read("/sys/hypervisor/type").strip(),
        Host.read("/sys/class/dmi/id/sys_vendor").strip(),
        Host.read("/sys/class/dmi/id/product_name").strip(),
        clockSource);
  }

  /** e.g. "hypervisor guest (KVM: kvm-clock)" or "bare metal". */
  public static String describe(
      String cpuinfo, String hypervisorType, String dmiVendor, String dmiProduct, String clockSource) {
    boolean flag = false;
    for (String line : cpuinfo.split("\n")) {
      if (line.startsWith("flags") && (" " + line + " ").contains(" hypervisor ")) {
        flag = true;
        break;
      }
    }
    List<String> evidence = new ArrayList<>();
    if (!hypervisorType.isEmpty()) {
      evidence.add(hypervisorType);
    }
    String dmi = (dmiVendor + " " + dmiProduct).strip();
    if (!dmi.isEmpty() && looksVirtual(dmi)) {
      evidence.add(dmi);
    }
    String clockHint = clockHypervisor(clockSource);
    if (!clockHint.isEmpty()) {
      evidence.add(clockHint + ": " + clockSource);
    }
    if (!flag && evidence.isEmpty()) {
      return "bare metal";
    }
    return "hypervisor guest" + (evidence.isEmpty() ? "" : " (" + String.join(", ", evidence) + ")");
  }

  private static boolean looksVirtual(String dmi) {
    String d = dmi.toLowerCase(java.util.Locale.ROOT);
    for (String v :
        new String[] {"qemu", "kvm", "vmware", "virtualbox", "xen", "amazon ec2", "google", "microsoft corporation virtual", "bochs", "cloud hypervisor", "firecracker"}) {
      if (d.contains(v)) {
        return true;
      }
    }
    return false;
  }

  private static String clockHypervisor(String clockSource) {
    switch (clockSource) {
      case "kvm-clock":
        return "KVM";
      case "xen":
        return "Xen";
      case "hyperv_clocksource_tsc_page":
      case "hyperv_clocksource":
        return "Hyper-V";
      default:
        return "";
    }
  }
}
