package io.sandbench.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance's OCI runtime config (config.json), for runc, crun and runsc alike: the shared
 * read-only {@link Rootfs}, the workload's argv, namespaces (pid, ipc, uts, mount, and network
 * when the instance has its own netns; none means the host's network), a tmpfs /tmp, the host's
 * /usr read-only where the workload needs it, and resource limits.
 *
 * @param netnsPath the network namespace to join, or null to share the host's network
 * @param memoryBytes memory limit, 0 for none
 * @param pidsLimit process limit, 0 for none
 */
public record OciSpec(
    Rootfs rootfs,
    List<String> args,
    List<String> env,
    String hostname,
    Path netnsPath,
    long memoryBytes,
    long pidsLimit) {

  private static final ObjectMapper COMPACT = new ObjectMapper();
  private static final List<String> CAPS =
      List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  public OciSpec {
    args = List.copyOf(args);
    env = List.copyOf(env);
  }

  /**
   * Writes {@code <bundle>/config.json}. Not through temp + rename: the bundle directory is the
   * instance's own and nothing reads it before the runtime this launch starts; launch() must stay
   * cheap (64 instances are launched from one harness thread). Compact JSON, no key sorting.
   */
  public Path writeTo(Path bundle) throws IOException {
    Files.createDirectories(bundle);
    Path target = bundle.resolve("config.json");
    Files.write(target, COMPACT.writeValueAsBytes(toMap()));
    return target;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ociVersion", "1.0.2");
    m.put("process", process());
    m.put("root", Map.of("path", rootfs.dir().toString(), "readonly", true));
    m.put("hostname", hostname);
    m.put("mounts", mounts());
    m.put("linux", linux());
    return m;
  }

  private Map<String, Object> process() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("terminal", false);
    p.put("user", Map.of("uid", 0, "gid", 0));
    p.put("args", args);
    List<String> allEnv = new ArrayList<>();
    allEnv.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    allEnv.addAll(env);
    p.put("env", allEnv);
    p.put("cwd", "/");
    p.put(
        "capabilities",
        Map.of("bounding", CAPS, "effective", CAPS, "permitted", CAPS, "ambient", CAPS));
    // No rlimits: the container keeps the runtime's own (raising them needs CAP_SYS_RESOURCE,
    // which a sandboxed host may not grant).
    p.put("noNewPrivileges", true);
    return p;
  }

  private List<Object> mounts() {
    List<Object> list = new ArrayList<>();
    list.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    list.add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    list.add(
        mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")));
    list.add(mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
    list.add(mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
    list.add(mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777", "size=65536k")));
    if (rootfs.needsHostUsr()) {
      list.add(mount("/usr", "bind", "/usr", List.of("rbind", "ro", "nosuid", "nodev")));
    }
    return list;
  }

  private static Map<String, Object> mount(String dest, String type, String source, List<String> options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("destination", dest);
    m.put("type", type);
    m.put("source", source);
    m.put("options", options);
    return m;
  }

  private Map<String, Object> linux() {
    Map<String, Object> l = new LinkedHashMap<>();
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("devices", List.of(Map.of("allow", false, "access", "rwm")));
    if (memoryBytes > 0) {
      resources.put("memory", Map.of("limit", memoryBytes));
    }
    if (pidsLimit > 0) {
      resources.put("pids", Map.of("limit", pidsLimit));
    }
    l.put("resources", resources);
    List<Object> ns = new ArrayList<>();
    for (String t : List.of("pid", "ipc", "uts", "mount")) {
      ns.add(Map.of("type", t));
    }
    if (netnsPath != null) {
      ns.add(Map.of("type", "network", "path", netnsPath.toString()));
    }
    l.put("namespaces", ns);
    l.put(
        "maskedPaths",
        List.of(
            "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
            "/proc/scsi"));
    l.put(
        "readonlyPaths",
        List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));
    return l;
  }
}
