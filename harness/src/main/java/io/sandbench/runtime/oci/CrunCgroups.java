package io.sandbench.runtime.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * crun (1.8) refuses a hybrid cgroup host whose v2 tree has any controller ("cgroups in hybrid
 * mode not supported, drop all controllers from cgroupv2"); some hosts mount v1 for every
 * controller but leave hugetlb on /sys/fs/cgroup/unified. The work-around here changes nothing on
 * the host: crun runs in a private mount namespace (propagation slave, so netns mounts still show)
 * where the v2 tree is unmounted, and so sees a plain v1 host, which it supports. Containers then
 * sit in the v1 hierarchies, as runc puts them on such a host.
 */
public final class CrunCgroups {
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");
  private static final Path UNIFIED = CGROUP.resolve("unified");

  private CrunCgroups() {}

  /** Whether this host is the hybrid layout crun refuses. */
  public static boolean needsWorkaround() {
    if (Files.exists(CGROUP.resolve("cgroup.controllers"))) {
      return false; // pure v2
    }
    try {
      return !Files.readString(UNIFIED.resolve("cgroup.controllers")).isBlank();
    } catch (IOException e) {
      return false; // no v2 tree: pure v1
    }
  }

  /**
   * {@code argv} run in a private mount namespace without the v2 tree. The shell gets the command
   * as positional parameters ("$@"), never interpolated into its script.
   */
  public static List<String> wrap(List<String> argv) {
    List<String> all = new ArrayList<>();
    all.addAll(
        List.of(
            "unshare", "--mount", "--propagation", "slave", "--",
            "sh", "-c", "umount -l " + UNIFIED + " && exec \"$@\"", "sh"));
    all.addAll(argv);
    return all;
  }

  public static String fact() {
    return "hybrid host with controllers on " + UNIFIED
        + ": crun runs in a private mount namespace without it (v1 cgroups), host unchanged";
  }
}
