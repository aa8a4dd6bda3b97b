package io.sandbench.runtime.containerd;

import io.sandbench.exec.CommandResult;
import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.oci.OciBinary;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Containers through a running containerd, with {@code ctr run --rootfs} (the shared read-only
 * rootfs, no image, no snapshotter) and a selectable shim ({@code --runtime-opt
 * shim=io.containerd.runc.v2}, the default). sandbench starts no daemon: the socket is
 * $SANDBENCH_CONTAINERD_ADDRESS or /run/containerd/containerd.sock.
 */
public final class ContainerdRuntime implements Runtime {
  public static final Path DEFAULT_ADDRESS = Path.of("/run/containerd/containerd.sock");
  private final Path address;
  private final OciBinary ctr;

  public ContainerdRuntime() {
    this(defaultAddress(), null);
  }

  /** A containerd at {@code address}; {@code ctr} null: from the search path. */
  public ContainerdRuntime(Path address, Path ctr) {
    this.address = address;
    this.ctr = new OciBinary("ctr", ctr);
  }

  static Path defaultAddress() {
    String a = System.getenv("SANDBENCH_CONTAINERD_ADDRESS");
    return a == null || a.isBlank() ? DEFAULT_ADDRESS : Path.of(a);
  }

  @Override
  public String name() {
    return "containerd";
  }

  @Override
  public String summary() {
    return "containers through a running containerd (ctr run --rootfs); --runtime-opt shim=...";
  }

  @Override
  public Availability probe(Host host) {
    Availability a = ctr.availability();
    if (!a.available()) {
      return a;
    }
    String start =
        "start one (containerd --address " + address + ", from apt-get install containerd) or set"
            + " SANDBENCH_CONTAINERD_ADDRESS to its socket";
    if (!Files.exists(address)) {
      return Availability.missing("no containerd socket at " + address, start);
    }
    CommandResult r = new CtrCli(ctr.require(), address).version();
    if (!r.ok()) {
      return Availability.missing("containerd at " + address + " does not answer: " + r.describe(), start);
    }
    return Availability.ok(serverVersion(r.stdout(), a.version()));
  }

  private static String serverVersion(String out, String fallback) {
    int server = out.indexOf("Server:");
    if (server >= 0) {
      for (String line : out.substring(server).split("\n")) {
        if (line.strip().startsWith("Version:")) {
          return "containerd " + line.strip().substring(8).strip();
        }
      }
    }
    return fallback;
  }

  @Override
  public Prepared prepare(Setup setup) {
    return new ContainerdPrepared(setup, new CtrCli(ctr.require(), address));
  }
}
