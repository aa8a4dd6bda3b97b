package io.sandbench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a result was measured on. Every export carries it. {@link #detect()} reads it from
 * /proc and the JVM; it runs no external command, so it is cheap and cannot hang.
 */
public record Host(
    String hostname,
    String cpuModel,
    int cores,
    long memoryBytes,
    String kernel,
    String os,
    String javaVersion,
    String virtualization) {

  public static Host detect() {
    return new Host(
        readHostname(),
        readCpuModel(),
        java.lang.Runtime.getRuntime().availableProcessors(),
        readMemTotal(),
        System.getProperty("os.version"),
        readOsName(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        readVirtualization());
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

  /** "hypervisor guest" when the CPU says it runs under one, else "bare metal"; /dev/kvm apart. */
  private static String readVirtualization() {
    boolean guest = read("/proc/cpuinfo").contains(" hypervisor");
    boolean kvm = Files.exists(Path.of("/dev/kvm"));
    return (guest ? "hypervisor guest" : "bare metal") + (kvm ? ", /dev/kvm present" : ", no /dev/kvm");
  }

  static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
