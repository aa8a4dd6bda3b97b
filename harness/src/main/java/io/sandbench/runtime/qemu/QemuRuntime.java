package io.sandbench.runtime.qemu;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.vm.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** QEMU microVMs (machine {@code microvm}, or {@code q35}): KVM when it works here, else TCG. */
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
    Optional<Path> qemu = Binaries.find(BINARY);
    if (qemu.isEmpty()) {
      return Availability.missing(BINARY + " not found", "apt-get install qemu-system-x86");
    }
    if (!Files.isRegularFile(Path.of("/bin/busybox"))) {
      return Availability.missing(
          "guests need a static /bin/busybox", "apt-get install busybox-static");
    }
    CommandResult v = ExternalCommand.run(List.of(qemu.get().toString(), "--version"), Duration.ofSeconds(20));
    if (!v.ok()) {
      return Availability.missing(BINARY + " does not run: " + v.describe(), "apt-get install --reinstall qemu-system-x86");
    }
    return Availability.ok(v.stdout().strip().split("\n")[0]);
  }

  @Override
  public Prepared prepare(Setup setup) {
    Path qemu =
        Binaries.find(BINARY)
            .orElseThrow(
                () -> new io.sandbench.UserError(
                    probe(Host.detect()).explain(name())));
    return QemuPrepared.prepare(setup, qemu);
  }
}
