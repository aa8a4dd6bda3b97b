package io.sandbench.runtime.qemu;

import io.sandbench.UserError;
import io.sandbench.exec.RunTag;
import io.sandbench.image.GuestCache;
import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestKernel;
import io.sandbench.net.AddressPlan;
import io.sandbench.net.Tap;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.vm.TapVmPrepared;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.vm.GuestNetwork;
import io.sandbench.runtime.vm.VmInstance;
import io.sandbench.runtime.vm.VmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A guest image, an acceleration and a network mode chosen once; one QEMU per instance. */
final class QemuPrepared implements Prepared {
  static final Set<String> OPTIONS =
      Set.of("machine", "accel", "memory-mib", "vcpus", "net", "rootfs", "kernel", "modules",
          "cmdline-extra");

  private final Setup setup;
  private final QemuCommand command;
  private final GuestImage image;
  private final Acceleration accel;
  private final String netMode;
  private final RunTag ownTag;
  private final String tag;
  private final Map<String, String> facts = new LinkedHashMap<>();

  private QemuPrepared(
      Setup setup, QemuCommand command, GuestImage image, Acceleration accel, String netMode,
      RunTag ownTag, String tag, String version) {
    this.setup = setup;
    this.command = command;
    this.image = image;
    this.accel = accel;
    this.netMode = netMode;
    this.ownTag = ownTag;
    this.tag = tag;
    facts.put("vmm", "qemu");
    facts.put("machine", command.machine());
    facts.put("acceleration", accel.label());
    facts.put("acceleration.reason", accel.reason());
    facts.put("network", netMode);
    facts.put("memory-mib", "" + command.memoryMib());
    facts.put("vcpus", "" + command.vcpus());
    facts.put("guest.kernel", image.kernel().version());
    facts.put("guest.modules", String.join(",", image.modules()));
    facts.put("guest.workload-on", image.rootfs().isPresent() ? "virtio-blk ext4" : "initramfs");
    facts.put("guest.image", image.hash());
    facts.put("guest.port", "" + io.sandbench.image.GuestInit.GUEST_PORT);
  }

  static QemuPrepared prepare(Setup setup, Path binary) {
    Map<String, String> o = setup.options();
    VmOptions.checkKnown("qemu", o, OPTIONS);
    String machine = o.getOrDefault("machine", "microvm");
    if (!machine.equals("microvm") && !machine.equals("q35")) {
      throw new UserError("machine=" + machine + " is not supported; use microvm or q35");
    }
    int memory = VmOptions.positive(o, "memory-mib", 128);
    int vcpus = VmOptions.positive(o, "vcpus", 1);
    String net = o.getOrDefault("net", "auto");
    boolean root = GuestNetwork.canCreateTaps();
    switch (net) {
      case "auto":
        net = root ? GuestNetwork.TAP : GuestNetwork.USER;
        break;
      case GuestNetwork.TAP:
        if (!root) {
          throw new UserError("net=tap needs root (to create taps); run as root or use net=user");
        }
        break;
      case GuestNetwork.USER:
        break;
      default:
        throw new UserError("net=" + net + " is not known; use auto, tap or user");
    }
    try {
      Files.createDirectories(setup.workDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + setup.workDir(), e);
    }
    GuestKernel kernel = GuestKernel.from(o);
    GuestImage image = GuestImage.build(kernel, setup.workload(), o.getOrDefault("rootfs", "auto"));
    long tsc = Acceleration.hostTscKhz();
    List<String> extra = VmOptions.extraKernelArgs(o);
    QemuCommand kvm = new QemuCommand(binary, machine, true, memory, vcpus, tsc, extra);
    Acceleration accel =
        Acceleration.decide(o.getOrDefault("accel", "auto"), kvm, image, setup.workDir());
    QemuCommand cmd = new QemuCommand(binary, machine, accel.kvm(), memory, vcpus, tsc, extra);
    RunTag own = VmOptions.isTag(setup.runId()) ? null : RunTag.create();
    String tag = own == null ? setup.runId() : own.value();
    return new QemuPrepared(setup, cmd, image, accel, net, own, tag, "");
  }

  GuestImage image() {
    return image;
  }

  QemuCommand command() {
    return command;
  }

  @Override
  public Instance launch(int id) {
    long launch = System.nanoTime();
    List<AutoCloseable> owned = new ArrayList<>();
    Path dir;
    try {
      dir = Files.createTempDirectory(setup.workDir(), "qemu-" + id + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an instance directory in " + setup.workDir(), e);
    }
    GuestNetwork net;
    try {
      if (netMode.equals(GuestNetwork.TAP)) {
        net = GuestNetwork.tap(tag, id);
        owned.add(Tap.create(net.tap(), AddressPlan.hostSide(id), AddressPlan.prefixLength()));
      } else {
        net = GuestNetwork.user(setup.port(id));
      }
    } catch (RuntimeException e) {
      GuestCache.deleteTree(dir);
      throw e;
    }
    Path console = dir.resolve("console.log");
    List<String> argv =
        command.argv(image, net, id, "sandbench-" + tag + "-" + id, console, false);
    return VmInstance.start(id, argv, dir, console, net.endpoint(), launch, owned);
  }

  @Override
  public void cleanupLeftovers() {
    TapVmPrepared.removeVmLeftovers();
  }

  @Override
  public Map<String, String> facts() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  @Override
  public void close() {
    if (ownTag != null) {
      ownTag.release();
    }
  }
}
