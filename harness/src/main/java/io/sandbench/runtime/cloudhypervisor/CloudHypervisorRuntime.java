package io.sandbench.runtime.cloudhypervisor;

import io.sandbench.UserError;
import io.sandbench.host.Binary;
import io.sandbench.host.BinaryProbe;
import io.sandbench.host.Host;
import io.sandbench.host.Kvm;
import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestKernel;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.vm.GuestNetwork;
import io.sandbench.runtime.vm.TapVmPrepared;
import io.sandbench.runtime.vm.VmOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cloud Hypervisor microVMs: the same guest as qemu and firecracker, a tap per instance. */
public final class CloudHypervisorRuntime implements Runtime {
  static final String BINARY = "cloud-hypervisor";
  static final String INSTALL =
      "Cloud Hypervisor has no Debian 12 package: put the static release binary cloud-hypervisor"
          + " from github.com/cloud-hypervisor/cloud-hypervisor/releases on PATH, on a host with a"
          + " usable /dev/kvm";
  static final Set<String> OPTIONS =
      Set.of("memory-mib", "vcpus", "rootfs", "kernel", "modules", "cmdline-extra");

  @Override
  public String name() {
    return BINARY;
  }

  @Override
  public String summary() {
    return "Cloud Hypervisor microVM (virtio-pci, tap, serial console markers); needs KVM";
  }

  @Override
  public Availability probe(Host host) {
    return availability(BinaryProbe.find(BINARY), Kvm.detect());
  }

  static Availability availability(Binary binary, Kvm kvm) {
    if (!binary.usable()) {
      return Availability.missing(BINARY + " " + binary.reason(), INSTALL);
    }
    if (!kvm.usable()) {
      return Availability.missing(
          "Cloud Hypervisor runs guests only under KVM (or MSHV), and here " + kvm.description(),
          "run on a host with a usable /dev/kvm");
    }
    return binary.toAvailability();
  }

  @Override
  public Prepared prepare(Setup setup) {
    Availability a = probe(Host.detect());
    if (!a.available()) {
      throw new UserError(a.explain(name()));
    }
    Map<String, String> o = setup.options();
    VmOptions.checkKnown(BINARY, o, OPTIONS);
    GuestImage image =
        GuestImage.build(GuestKernel.from(o), setup.workload(), o.getOrDefault("rootfs", "auto"));
    CloudHypervisorCommand cmd =
        new CloudHypervisorCommand(
            BinaryProbe.onPath().locate(BINARY).orElseThrow(),
            VmOptions.positive(o, "memory-mib", 128),
            VmOptions.positive(o, "vcpus", 1),
            VmOptions.extraKernelArgs(o));
    return new Prepared(setup, image, cmd);
  }

  /** One tap and one cloud-hypervisor process per instance. */
  static final class Prepared extends TapVmPrepared {
    private final CloudHypervisorCommand cmd;

    Prepared(Setup setup, GuestImage image, CloudHypervisorCommand cmd) {
      super(setup, image, BINARY);
      this.cmd = cmd;
      facts.put("machine", "cloud-hypervisor");
      facts.put("acceleration", "kvm");
      facts.put("memory-mib", "" + cmd.memoryMib());
      facts.put("vcpus", "" + cmd.vcpus());
    }

    @Override
    protected List<String> argv(int id, GuestNetwork net, Path dir) {
      return cmd.argv(image, net, id, dir);
    }

    @Override
    protected Path console(Path dir) {
      return dir.resolve("console.log");
    }
  }
}
