package io.sandbench.runtime.vm;

import io.sandbench.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@code --runtime-opt} keys every microVM driver reads, checked once, with one-line errors. */
public final class VmOptions {
  private VmOptions() {}

  /** Rejects keys the driver does not know, naming those it does. */
  public static void checkKnown(String runtime, Map<String, String> options, Set<String> known) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new UserError(
            "--runtime-opt " + key + " is not known to " + runtime + "; known: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  public static int positive(Map<String, String> options, String key, int fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UserError(key + "=" + v + " is not a positive whole number");
  }

  /** Extra kernel arguments from {@code cmdline-extra="a=1 b"}. */
  public static List<String> extraKernelArgs(Map<String, String> options) {
    String v = options.getOrDefault("cmdline-extra", "").strip();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
  }

  /** Whether a run id can serve as the run tag names derive from (6 hex digits). */
  public static boolean isTag(String runId) {
    return runId != null && runId.matches("[0-9a-f]{6}");
  }
}
