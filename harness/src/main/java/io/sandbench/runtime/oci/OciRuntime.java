package io.sandbench.runtime.oci;

import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * runc or crun driven directly (no daemon): one driver, two binaries. Each instance is a container
 * started with {@code run --detach} from its own config.json over the shared read-only rootfs.
 */
public final class OciRuntime implements Runtime {
  private final OciBinary binary;

  /** runc or crun from the search path. */
  public OciRuntime(String name) {
    this(name, null);
  }

  /** {@code binary} given: use that file (tests point it at a missing one). */
  public OciRuntime(String name, Path binary) {
    this.binary = new OciBinary(name, binary);
  }

  public static OciRuntime runc() {
    return new OciRuntime("runc");
  }

  public static OciRuntime crun() {
    return new OciRuntime("crun");
  }

  @Override
  public String name() {
    return binary.name();
  }

  @Override
  public String summary() {
    return "OCI container with " + binary.name() + " (no daemon), shared read-only rootfs";
  }

  @Override
  public Availability probe(Host host) {
    return binary.availability();
  }

  @Override
  public Prepared prepare(Setup setup) {
    return new OciPrepared(setup, cli(binary.require()), facts());
  }

  /** The command line for this runtime on this host. */
  public OciCli cli(Path path) {
    boolean crunHybrid = binary.name().equals("crun") && CrunCgroups.needsWorkaround();
    return new OciCli(binary.name(), path, List.of(), crunHybrid, false, false);
  }

  private Map<String, String> facts() {
    Map<String, String> f = new LinkedHashMap<>();
    if (binary.name().equals("crun") && CrunCgroups.needsWorkaround()) {
      f.put("cgroups", CrunCgroups.fact());
    }
    return f;
  }
}
