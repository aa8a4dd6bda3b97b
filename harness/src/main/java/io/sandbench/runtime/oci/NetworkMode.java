package io.sandbench.runtime.oci;

import io.sandbench.UserError;
import io.sandbench.runtime.Setup;

/**
 * How an instance reaches the network ({@code --runtime-opt network=...}): {@code host} shares the
 * host's network namespace and listens on 127.0.0.1:basePort+i (what the article's {@code -p}
 * mapping amounts to); {@code isolated} gives each instance its own netns and veth pair.
 */
public enum NetworkMode {
  HOST,
  ISOLATED;

  public static NetworkMode of(Setup setup) {
    String v = setup.option("network", "host");
    switch (v) {
      case "host":
        return HOST;
      case "isolated":
        return ISOLATED;
      default:
        throw new UserError("unknown network mode '" + v + "'; use --runtime-opt network=host or network=isolated");
    }
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
