package io.sandbench.runtime;

import io.sandbench.host.Host;

/**
 * One isolation technology (native, custom, runc, gvisor, qemu, ...). The single seam every driver
 * plugs into: drivers know nothing of statistics or reports, experiments nothing of a driver.
 */
public interface Runtime {
  /** The name users type after {@code --runtime}. */
  String name();

  /** One line for {@code sandbench runtimes}: what this runtime is. */
  String summary();

  /** Present? usable here? If not: why, and the fix. Has a deadline; never throws. */
  Availability probe(Host host);

  /** Builds what every instance of a scenario shares (bundles, images, taps): once per scenario. */
  Prepared prepare(Setup setup);
}
