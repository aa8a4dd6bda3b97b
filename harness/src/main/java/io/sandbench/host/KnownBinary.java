package io.sandbench.host;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A binary sandbench may use: how to ask it its version, and what to install when it is missing.
 *
 * @param versionArgs the arguments that make it print its version; empty when it has none
 * @param installHint what to do when it is missing, e.g. "apt-get install runsc"
 */
public record KnownBinary(String name, List<String> versionArgs, String installHint) {

  private static final String NO_DEB =
      "no Debian package: install the release binary from the project";

  /** Every binary {@code sandbench doctor} reports, in the order it prints them. */
  public static final List<KnownBinary> ALL =
      List.of(
          apt("runc", "runc"),
          apt("crun", "crun"),
          apt("runsc", "runsc"),
          apt("qemu-system-x86_64", "qemu-system-x86"),
          new KnownBinary("firecracker", List.of("--version"), NO_DEB + " (github.com/firecracker-microvm/firecracker/releases)"),
          new KnownBinary("cloud-hypervisor", List.of("--version"), NO_DEB + " (github.com/cloud-hypervisor/cloud-hypervisor/releases)"),
          apt("containerd", "containerd"),
          apt("ctr", "containerd"),
          apt("docker", "docker.io"),
          new KnownBinary("kata-runtime", List.of("--version"), NO_DEB + " (github.com/kata-containers/kata-containers/releases)"),
          new KnownBinary("containerd-shim-kata-v2", List.of("--version"), NO_DEB + " (github.com/kata-containers/kata-containers/releases)"),
          // busybox has no --version; --help starts with "BusyBox v1.35.0 (...) multi-call binary."
          new KnownBinary("busybox", List.of("--help"), "apt-get install busybox-static"),
          apt("wrk", "wrk"),
          // smem has no version option at all.
          new KnownBinary("smem", List.of(), "apt-get install smem"));

  private static final Map<String, KnownBinary> BY_NAME =
      ALL.stream().collect(Collectors.toMap(KnownBinary::name, Function.identity()));

  public KnownBinary {
    versionArgs = List.copyOf(versionArgs);
  }

  /** The entry for {@code name}, or one that asks "--version" and has no install hint. */
  public static KnownBinary named(String name) {
    KnownBinary b = BY_NAME.get(name);
    return b != null ? b : new KnownBinary(name, List.of("--version"), "install " + name + " and put it on PATH");
  }

  private static KnownBinary apt(String name, String debianPackage) {
    return new KnownBinary(name, List.of("--version"), "apt-get install " + debianPackage);
  }
}
