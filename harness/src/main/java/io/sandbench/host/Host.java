package io.sandbench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a result was measured on. Every export carries it. {@link #detect()} reads it from
 * /proc, /sys and the JVM; it runs no external command, so it is cheap and cannot hang. Runtime
 * binaries and their versions are probed apart, by {@link BinaryProbe}, because that does run
 * commands.
 *
 * @param cores the processors this JVM may use (cgroup/affinity limits included)
 * @param virtualization whether this machine is itself a guest, see {@link Hypervisor}
 * @param kvm /dev/kvm and the module that backs it, see {@link Kvm}
 * @param cgroup v1, v2, hybrid or none, see {@link CgroupVersion}
 * @param clockSource the kernel's current clock source (tsc, kvm-clock, hpet, ...)
 */
public record Host(
    String hostname,
    String cpuModel,
    int cores,
    long memoryBytes,
    String kernel,
    String os,
    String javaVersion,
    String virtualization,
    Kvm kvm,
    String cgroup,
    String clockSource) {

  public static Host detect() {
    String clock = read("/sys/devices/system/clocksource/clocksource0/current_clocksource").strip();
    return new Host(
        readHostname(),
        readCpuModel(),
        java.lang.Runtime.getRuntime().availableProcessors(),
        readMemTotal(),
        System.getProperty("os.version"),
        readOsName(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        Hypervisor.detect(clock),
        Kvm.detect(),
        CgroupVersion.detect(),
        clock.isEmpty() ? "unknown" : clock);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hostname", hostname);
    m.put("cpuModel", cpuModel);
    m.put("cores", cores);
    m.put("memoryBytes", memoryBytes);
    m.put("kernel", kernel);
    m.put("os", os);
    m.put("java", javaVersion);
    m.put("virtualization", virtualization);
    m.put("kvm", kvm.description());
    m.put("kvmModule", kvm.module());
    m.put("cgroup", cgroup);
    m.put("clockSource", clockSource);
    return m;
  }

  private static String readHostname() {
    return read("/proc/sys/kernel/hostname").strip();
  }

  private static String readCpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return "unknown";
  }

  private static long readMemTotal() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  private static String readOsName() {
    for (String line : read("/etc/os-release").split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        return line.substring(12).replace("\"", "");
      }
    }
    return System.getProperty("os.name");
  }

  /** A file's text, or "" when it cannot be read (absent in a container, no permission). */
  static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
