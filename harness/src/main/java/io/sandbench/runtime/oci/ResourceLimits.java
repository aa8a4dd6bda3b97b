package io.sandbench.runtime.oci;

import io.sandbench.UserError;
import io.sandbench.runtime.Setup;
import java.util.Locale;

/**
 * Per-instance limits from {@code --runtime-opt memory=256m} and {@code pids=128}; 0 means none.
 */
public record ResourceLimits(long memoryBytes, long pids) {

  public static ResourceLimits of(Setup setup) {
    return new ResourceLimits(bytes(setup.option("memory", "0")), count(setup.option("pids", "0")));
  }

  static long bytes(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
      unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new UserError("bad memory limit '" + text + "'; use e.g. --runtime-opt memory=256m");
    }
  }

  private static long count(String text) {
    try {
      long n = Long.parseLong(text.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UserError("bad pids limit '" + text + "'; use e.g. --runtime-opt pids=128");
    }
  }

  public String describe() {
    return (memoryBytes == 0 ? "memory unlimited" : "memory " + memoryBytes + " B")
        + ", "
        + (pids == 0 ? "pids unlimited" : "pids " + pids);
  }
}
