package io.sandbench.runtime.firecracker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How Firecracker is started: directly with {@code --api-sock} and {@code --config-file} (the
 * guest boots at once, no API calls needed) and {@code --boot-timer}; or under the jailer, which
 * chroots, drops to {@code uid:gid} and then execs Firecracker with the arguments after {@code --}.
 */
public record FirecrackerCommand(Path firecracker, Path jailer, long uid, long gid) {

  public boolean jailed() {
    return jailer != null;
  }

  /** Firecracker's own arguments; paths as Firecracker sees them. */
  static List<String> vmmArgs(String apiSock, String configFile) {
    return List.of("--api-sock", apiSock, "--config-file", configFile, "--boot-timer");
  }

  /** The full argv for instance {@code vmId}; with the jailer, {@code chrootBase} holds the jail. */
  public List<String> argv(String vmId, Path dir, Path chrootBase) {
    List<String> a = new ArrayList<>();
    if (!jailed()) {
      a.add(firecracker.toString());
      a.addAll(vmmArgs(dir.resolve("api.sock").toString(), dir.resolve("vm.json").toString()));
      return a;
    }
    a.add(jailer.toString());
    a.addAll(List.of("--id", vmId, "--exec-file", firecracker.toString()));
    a.addAll(List.of("--uid", "" + uid, "--gid", "" + gid));
    a.addAll(List.of("--chroot-base-dir", chrootBase.toString()));
    a.add("--");
    // Inside the jail the root is <chroot-base>/firecracker/<id>/root.
    a.addAll(vmmArgs("/run/api.sock", "/vm.json"));
    return a;
  }

  /** The jail's root directory the jailer chroots into: {@code <base>/<exec name>/<id>/root}. */
  public static Path jailRoot(Path chrootBase, Path firecracker, String vmId) {
    return chrootBase.resolve(firecracker.getFileName().toString()).resolve(vmId).resolve("root");
  }
}
