package io.sandbench.host;

import java.util.List;

/**
 * What {@code sandbench doctor} reports: the host and every runtime binary it knows of, each found
 * with its version or missing with the fix.
 */
public record HostReport(Host host, List<Binary> binaries) {

  public HostReport {
    binaries = List.copyOf(binaries);
  }

  /** Detects the host and probes all {@link KnownBinary#ALL} in parallel with {@code probe}. */
  public static HostReport gather(BinaryProbe probe) {
    return new HostReport(Host.detect(), probe.probeAll(KnownBinary.ALL));
  }
}
