package io.sandbench.runtime.firecracker;

import io.sandbench.UserError;
import io.sandbench.host.Binary;
import io.sandbench.host.BinaryProbe;
import io.sandbench.host.Host;
import io.sandbench.host.Kvm;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;

/** Firecracker microVMs, started as in the article: a config file and a tap per instance. */
public final class FirecrackerRuntime implements Runtime {
  static final String INSTALL =
      "Firecracker has no Debian package: put the release binaries firecracker (and jailer) from"
          + " github.com/firecracker-microvm/firecracker/releases on PATH, on a host with a usable"
          + " /dev/kvm";

  @Override
  public String name() {
    return "firecracker";
  }

  @Override
  public String summary() {
    return "Firecracker microVM (config file, tap, boot timer; optional jailer); needs KVM";
  }

  @Override
  public Availability probe(Host host) {
    return availability(BinaryProbe.find("firecracker"), Kvm.detect());
  }

  /** Firecracker needs both its binary and a KVM that runs ordinary guests (it has no TCG). */
  static Availability availability(Binary firecracker, Kvm kvm) {
    if (!firecracker.usable()) {
      return Availability.missing("firecracker " + firecracker.reason(), INSTALL);
    }
    if (!kvm.usable()) {
      return Availability.missing(
          "Firecracker runs guests only under KVM, and here " + kvm.description(),
          "run on a host with a usable /dev/kvm (bare metal, or nested virtualization enabled)");
    }
    return firecracker.toAvailability();
  }

  @Override
  public Prepared prepare(Setup setup) {
    Availability a = probe(Host.detect());
    if (!a.available()) {
      throw new UserError(a.explain(name()));
    }
    return FirecrackerPrepared.prepare(setup, BinaryProbe.onPath().locate("firecracker").orElseThrow());
  }
}
