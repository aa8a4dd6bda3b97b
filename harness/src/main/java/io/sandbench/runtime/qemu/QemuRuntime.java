package io.sandbench.runtime.qemu;

import io.sandbench.UserError;
import io.sandbench.host.Binary;
import io.sandbench.host.BinaryProbe;
import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * QEMU microVMs (machine {@code microvm}, or {@code q35}): KVM when it works here, else TCG.
 *
 * <p>{@code --runtime-opt}: {@code machine=microvm|q35}, {@code accel=auto|kvm|tcg}, {@code
 * memory-mib=128}, {@code vcpus=1}, {@code net=auto|tap|user} (auto: a tap when root),
 * {@code rootfs=auto|initramfs|disk} (where the workload's tree goes; auto: a disk above 16 MiB),
 * {@code kernel=PATH} and {@code modules=DIR} (another guest kernel than Debian's cloud kernel),
 * {@code cmdline-extra="ARGS"} (appended to the guest kernel's command line).
 */
public final class QemuRuntime implements Runtime {
  static final String BINARY = "qemu-system-x86_64";

  @Override
  public String name() {
    return "qemu";
  }

  @Override
  public String summary() {
    return "QEMU microVM (machine microvm or q35), KVM when usable else TCG emulation";
  }

  @Override
  public Availability probe(Host host) {
    Binary qemu = BinaryProbe.find(BINARY);
    if (!qemu.usable()) {
      return qemu.toAvailability();
    }
    if (!Files.isRegularFile(Path.of("/bin/busybox"))) {
      return Availability.missing(
          "guests need a static /bin/busybox", "apt-get install busybox-static");
    }
    return qemu.toAvailability();
  }

  @Override
  public Prepared prepare(Setup setup) {
    Availability a = probe(Host.detect());
    if (!a.available()) {
      throw new UserError(a.explain(name()));
    }
    Path qemu = BinaryProbe.onPath().locate(BINARY).orElseThrow();
    return QemuPrepared.prepare(setup, qemu);
  }
}
