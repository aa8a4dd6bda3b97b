package io.sandbench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's base page size (for the RSS in /proc/PID/stat, counted in pages). */
final class PageSize {
  static final long BYTES = detect();

  private PageSize() {}

  /** The first KernelPageSize line of our own smaps: Java has no public call for it. */
  private static long detect() {
    try (var lines = Files.lines(Path.of("/proc/self/smaps"))) {
      return lines
          .filter(l -> l.startsWith("KernelPageSize:"))
          .findFirst()
          .map(KiloBytes::parse)
          .orElse(4096L);
    } catch (IOException | RuntimeException e) {
      return 4096;
    }
  }
}
