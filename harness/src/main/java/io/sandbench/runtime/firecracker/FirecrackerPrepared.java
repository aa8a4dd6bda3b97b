package io.sandbench.runtime.firecracker;

import io.sandbench.UserError;
import io.sandbench.host.BinaryProbe;
import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestKernel;
import io.sandbench.image.GuestLibraries;
import io.sandbench.runtime.BootTimeline;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.vm.GuestNetwork;
import io.sandbench.runtime.vm.TapVmPrepared;
import io.sandbench.runtime.vm.VmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Per instance: a tap, a config file, {@code firecracker --config-file} (or the jailer). */
final class FirecrackerPrepared extends TapVmPrepared {
  static final Set<String> OPTIONS =
      Set.of("memory-mib", "vcpus", "rootfs", "kernel", "modules", "cmdline-extra", "jailer",
          "jailer-uid", "jailer-gid");

  private final FirecrackerCommand command;
  private final int memoryMib;
  private final int vcpus;
  private final List<String> extra;

  private FirecrackerPrepared(
      Setup setup, GuestImage image, FirecrackerCommand command, int memoryMib, int vcpus) {
    super(setup, image, "firecracker");
    this.command = command;
    this.memoryMib = memoryMib;
    this.vcpus = vcpus;
    this.extra = VmOptions.extraKernelArgs(setup.options());
    facts.put("machine", "firecracker");
    facts.put("acceleration", "kvm");
    facts.put("memory-mib", "" + memoryMib);
    facts.put("vcpus", "" + vcpus);
    facts.put("jailer", command.jailed() ? "on" : "off");
  }

  static FirecrackerPrepared prepare(Setup setup, Path firecracker) {
    Map<String, String> o = setup.options();
    VmOptions.checkKnown("firecracker", o, OPTIONS);
    GuestKernel kernel = GuestKernel.from(o);
    checkVmlinux(kernel.image());
    GuestImage image = GuestImage.build(kernel, setup.workload(), o.getOrDefault("rootfs", "auto"));
    return new FirecrackerPrepared(setup, image, command(o, firecracker),
        VmOptions.positive(o, "memory-mib", 128), VmOptions.positive(o, "vcpus", 1));
  }

  static FirecrackerCommand command(Map<String, String> o, Path firecracker) {
    String jailer = o.getOrDefault("jailer", "off");
    if (jailer.equals("off")) {
      return new FirecrackerCommand(firecracker, null, 0, 0);
    }
    if (!jailer.equals("on")) {
      throw new UserError("jailer=" + jailer + " is not known; use on or off");
    }
    Path jailerBinary =
        BinaryProbe.onPath().locate("jailer")
            .orElseThrow(() -> new UserError("jailer=on but no jailer on PATH; " + FirecrackerRuntime.INSTALL));
    return new FirecrackerCommand(firecracker, jailerBinary,
        VmOptions.positive(o, "jailer-uid", 65534), VmOptions.positive(o, "jailer-gid", 65534));
  }

  /** Firecracker on x86_64 loads an uncompressed ELF vmlinux, not a bzImage such as Debian's. */
  static void checkVmlinux(Path kernel) {
    if (!GuestLibraries.isElf(kernel)) {
      throw new UserError(
          "Firecracker boots an uncompressed ELF vmlinux and " + kernel + " is not one (Debian's"
              + " vmlinuz is a compressed bzImage); give one with --runtime-opt kernel=PATH");
    }
  }

  @Override
  protected List<String> argv(int id, GuestNetwork net, Path dir) throws IOException {
    String vmId = "sandbench-" + tag + "-" + id;
    Path jail = dir.resolve("jail");
    Function<Path, String> pathOf = Path::toString;
    Path configDir = dir;
    String logPath = dir.resolve("firecracker.log").toString();
    if (command.jailed()) {
      // The jailed VMM sees only its chroot: link the guest's files in and name them from inside.
      Path root = FirecrackerCommand.jailRoot(jail, command.firecracker(), vmId);
      Files.createDirectories(root.resolve("run"));
      for (Path f : guestFiles()) {
        try {
          Files.createLink(root.resolve(f.getFileName()), f);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(f, root.resolve(f.getFileName())); // the cache is on another file system
        }
      }
      pathOf = p -> "/" + p.getFileName();
      configDir = root;
      logPath = "/firecracker.log";
      Files.createFile(root.resolve("firecracker.log"));
    } else {
      Files.createFile(dir.resolve("firecracker.log"));
    }
    Map<String, Object> config =
        FirecrackerConfig.of(image, net, id, memoryMib, vcpus, logPath, extra, pathOf);
    FirecrackerConfig.write(config, configDir.resolve("vm.json"));
    return command.argv(vmId, dir, jail);
  }

  private List<Path> guestFiles() {
    List<Path> files = new java.util.ArrayList<>(List.of(image.kernel().image(), image.initramfs()));
    image.rootfs().ifPresent(files::add);
    return files;
  }

  @Override
  protected Path console(Path dir) {
    return dir.resolve("vmm.out"); // Firecracker's serial console is its standard output
  }

  @Override
  protected List<BootTimeline.Mark> vmmMarks(Path dir) {
    Path log = dir.resolve("firecracker.log");
    if (command.jailed()) {
      try (var s = Files.walk(dir.resolve("jail"))) {
        log = s.filter(p -> p.getFileName().toString().equals("firecracker.log")).findFirst().orElse(log);
      } catch (IOException e) {
        return List.of();
      }
    }
    try {
      String text = Files.exists(log) ? Files.readString(log) : "";
      return FirecrackerBootTimer.micros(text).stream()
          .mapToObj(us -> new BootTimeline.Mark("boot-timer", us))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
