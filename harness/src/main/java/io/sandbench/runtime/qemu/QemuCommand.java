package io.sandbench.runtime.qemu;

import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestInit;
import io.sandbench.runtime.vm.GuestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv of one QEMU guest. {@code microvm} (the default) has no PCI and no firmware to speak
 * of: virtio devices sit on virtio-mmio, which Debian's kernel finds through ACPI (it lacks
 * VIRTIO_MMIO_CMDLINE_DEVICES), so ACPI stays on. {@code q35} is the ordinary PC with virtio-pci.
 *
 * @param machine {@code microvm} or {@code q35}
 * @param kvm KVM acceleration, else TCG (emulation)
 * @param tscKhz the host TSC in kHz, given to a TCG guest ({@code tsc_early_khz}): without it the
 *     guest's TSC calibration under emulation is erratic and boots stall
 */
public record QemuCommand(
    Path binary, String machine, boolean kvm, int memoryMib, int vcpus, long tscKhz,
    List<String> extraKernelArgs) {

  public List<String> argv(
      GuestImage image, GuestNetwork net, int id, String name, Path console, boolean probe) {
    boolean mmio = machine.equals("microvm");
    List<String> a = new ArrayList<>();
    a.add(binary.toString());
    a.addAll(List.of("-name", name));
    // microvm keeps its RTC: without one, Debian's kernel spends seconds under TCG polling for
    // it (reading the time at boot, then probing rtc_cmos) before it reaches init.
    a.addAll(List.of("-machine", mmio ? "microvm,acpi=on,x-option-roms=off" : "q35"));
    if (kvm) {
      a.addAll(List.of("-accel", "kvm", "-cpu", "host"));
    } else {
      a.addAll(List.of("-accel", "tcg", "-cpu", "max"));
    }
    a.addAll(List.of("-m", memoryMib + "M", "-smp", "" + vcpus));
    a.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"));
    a.addAll(List.of("-chardev", "file,id=con,path=" + console, "-serial", "chardev:con"));
    a.addAll(List.of("-kernel", image.kernel().image().toString()));
    a.addAll(List.of("-initrd", image.initramfs().toString()));
    a.addAll(List.of("-append", String.join(" ", kernelArgs(image, net, probe))));
    if (!probe) {
      String netdev =
          net.mode().equals(GuestNetwork.TAP)
              ? "tap,id=n0,ifname=" + net.tap() + ",script=no,downscript=no"
              : "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:" + net.hostPort() + "-:"
                  + GuestInit.GUEST_PORT;
      a.addAll(List.of("-netdev", netdev));
      a.addAll(List.of("-device", (mmio ? "virtio-net-device" : "virtio-net-pci")
          + ",netdev=n0,mac=" + GuestNetwork.mac(id)));
      image.rootfs().ifPresent(disk -> {
        a.addAll(List.of("-drive", "id=d0,file=" + disk + ",format=raw,if=none,readonly=on"));
        a.addAll(List.of("-device", (mmio ? "virtio-blk-device" : "virtio-blk-pci") + ",drive=d0"));
      });
    }
    return a;
  }

  List<String> kernelArgs(GuestImage image, GuestNetwork net, boolean probe) {
    List<String> k = new ArrayList<>();
    // panic=-1 with -no-reboot: a guest that panics ends QEMU at once instead of hanging.
    k.addAll(List.of("console=ttyS0", "reboot=t", "panic=-1", "quiet"));
    if (!kvm && tscKhz > 0) {
      k.addAll(List.of("tsc_early_khz=" + tscKhz, "tsc=reliable"));
    }
    if (probe) {
      k.add("sandbench.probe=1");
    } else {
      k.addAll(net.kernelArgs(image.rootfs().isPresent() ? "/dev/vda" : ""));
    }
    k.addAll(extraKernelArgs);
    return k;
  }
}
