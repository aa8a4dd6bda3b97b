package io.sandbench;

import java.nio.file.Path;

/** Where sandbench finds its own build (the repository) and keeps its cache. */
public final class SandbenchDirs {
  private SandbenchDirs() {}

  /** The repository root: set by the launcher and by the test runner as {@code sandbench.home}. */
  public static Path home() {
    String home = System.getProperty("sandbench.home");
    return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
  }

  /** Built images, bundles and kernels, reused across runs: {@code $SANDBENCH_CACHE} or ~/.cache. */
  public static Path cache() {
    String override = System.getenv("SANDBENCH_CACHE");
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "sandbench");
  }
}
