package io.sandbench.host;

/**
 * Which cgroup hierarchy the host mounts: "v2" (unified at /sys/fs/cgroup), "v1" (one hierarchy
 * per controller), "hybrid" (v1 controllers plus a v2 tree, usually at /sys/fs/cgroup/unified), or
 * "none". Container runtimes and memory accounting behave differently on each.
 */
public final class CgroupVersion {
  private CgroupVersion() {}

  /** From /proc/self/mounts; no external command. */
  public static String detect() {
    return fromMounts(Host.read("/proc/self/mounts"));
  }

  /** From the text of /proc/mounts (fields: source, mount point, type, options, ...). */
  public static String fromMounts(String mounts) {
    boolean v1 = false;
    boolean v2 = false;
    boolean v2AtRoot = false;
    for (String line : mounts.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 3) {
        continue;
      }
      if (f[2].equals("cgroup2")) {
        v2 = true;
        v2AtRoot |= f[1].equals("/sys/fs/cgroup");
      } else if (f[2].equals("cgroup")) {
        v1 = true;
      }
    }
    if (v2AtRoot && !v1) {
      return "v2";
    }
    if (v1 && v2) {
      return "hybrid";
    }
    return v1 ? "v1" : v2 ? "v2" : "none";
  }
}
