package io.sandbench.runtime.kata;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.host.Binary;
import io.sandbench.host.BinaryProbe;
import io.sandbench.host.Host;
import io.sandbench.host.Kvm;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import java.time.Duration;
import java.util.List;

/** Kata Containers through Docker and containerd's {@code io.containerd.kata.v2} shim. */
public final class KataRuntime implements Runtime {
  static final String INSTALL =
      "Kata has no Debian 12 package: install the kata-static release (github.com/kata-containers/"
          + "kata-containers/releases) so containerd-shim-kata-v2 is on PATH, install docker.io"
          + " (apt-get install docker.io), and run on a host with a usable /dev/kvm";

  @Override
  public String name() {
    return "kata";
  }

  @Override
  public String summary() {
    return "Kata Containers (docker run --runtime io.containerd.kata.v2); needs KVM and Docker";
  }

  @Override
  public Availability probe(Host host) {
    return availability(
        BinaryProbe.find("containerd-shim-kata-v2"), BinaryProbe.find("docker"), Kvm.detect());
  }

  static Availability availability(Binary shim, Binary docker, Kvm kvm) {
    if (!shim.usable()) {
      return Availability.missing("containerd-shim-kata-v2 " + shim.reason(), INSTALL);
    }
    if (!docker.usable()) {
      return Availability.missing("docker " + docker.reason(), "apt-get install docker.io");
    }
    if (!kvm.usable()) {
      return Availability.missing(
          "Kata runs each container in a VM and needs KVM, and here " + kvm.description(),
          "run on a host with a usable /dev/kvm");
    }
    return shim.toAvailability();
  }

  @Override
  public Prepared prepare(Setup setup) {
    Availability a = probe(Host.detect());
    if (!a.available()) {
      throw new UserError(a.explain(name()));
    }
    String docker = BinaryProbe.onPath().locate("docker").orElseThrow().toString();
    CommandResult info = ExternalCommand.run(List.of(docker, "version"), Duration.ofSeconds(20));
    if (!info.ok()) {
      throw new UserError(
          "kata needs a running Docker daemon: " + info.describe() + "; start it (systemctl start docker)");
    }
    return KataPrepared.prepare(setup, new KataCommand(docker, setup.option("kata-runtime", KataCommand.SHIM)));
  }
}
