package io.sandbench.runtime.firecracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandbench.image.GuestImage;
import io.sandbench.runtime.vm.GuestNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One guest's {@code --config-file}, as in the article: boot-source, drives, network-interfaces,
 * machine-config, plus the logger that receives the boot timer's line. Field names and types are
 * those of Firecracker's API (FullVmConfiguration); a test checks them against the published spec.
 */
public final class FirecrackerConfig {
  private FirecrackerConfig() {}

  /**
   * The configuration of one guest. {@code pathOf} maps host files to the paths Firecracker sees
   * (identity without the jailer, chroot-relative with it).
   */
  public static Map<String, Object> of(
      GuestImage image, GuestNetwork net, int id, int memoryMib, int vcpus, String logPath,
      List<String> extraKernelArgs, java.util.function.Function<Path, String> pathOf) {
    Map<String, Object> config = new LinkedHashMap<>();
    Map<String, Object> boot = new LinkedHashMap<>();
    boot.put("kernel_image_path", pathOf.apply(image.kernel().image()));
    boot.put("initrd_path", pathOf.apply(image.initramfs()));
    boot.put("boot_args", String.join(" ", kernelArgs(image, net, extraKernelArgs)));
    config.put("boot-source", boot);

    List<Object> drives = new ArrayList<>();
    image.rootfs().ifPresent(disk -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("drive_id", "workload");
      d.put("path_on_host", pathOf.apply(disk));
      d.put("is_root_device", false); // the root is the initramfs; this disk holds the workload
      d.put("is_read_only", true);
      drives.add(d);
    });
    config.put("drives", drives);

    Map<String, Object> nic = new LinkedHashMap<>();
    nic.put("iface_id", "eth0");
    nic.put("guest_mac", GuestNetwork.mac(id));
    nic.put("host_dev_name", net.tap());
    config.put("network-interfaces", List.of(nic));

    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("vcpu_count", vcpus);
    machine.put("mem_size_mib", memoryMib);
    machine.put("smt", false);
    config.put("machine-config", machine);

    Map<String, Object> logger = new LinkedHashMap<>();
    logger.put("log_path", logPath);
    logger.put("level", "Info"); // the boot timer logs at Info
    logger.put("show_level", false);
    logger.put("show_log_origin", false);
    config.put("logger", logger);
    return config;
  }

  /**
   * Firecracker's own guest arguments (reboot=k: a guest reboot ends Firecracker; panic=1; pci=off:
   * there is no PCI) and the init's, with the boot timer write switched on.
   */
  static List<String> kernelArgs(GuestImage image, GuestNetwork net, List<String> extra) {
    List<String> k = new ArrayList<>(List.of("console=ttyS0", "reboot=k", "panic=1", "pci=off", "quiet"));
    k.addAll(net.kernelArgs(image.rootfs().isPresent() ? "/dev/vda" : ""));
    k.add("sandbench.boottimer=1");
    k.addAll(extra);
    return k;
  }

  /** Writes the configuration atomically (temp + rename). */
  public static void write(Map<String, Object> config, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), config);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
