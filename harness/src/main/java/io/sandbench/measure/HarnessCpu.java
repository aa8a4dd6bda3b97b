package io.sandbench.measure;

import io.sandbench.exec.NativeHelper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time the harness has used, in nanoseconds: every thread of this JVM (JIT and GC included)
 * and the native helper that launches and probes for it. Read from the
 * scheduler's per-thread counters (/proc/self/task/TID/schedstat, ns resolution): /proc/self/stat
 * counts in 10 ms ticks, far too coarse for a cost of well under a millisecond per instance.
 */
final class HarnessCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  private HarnessCpu() {}

  static long nanos() {
    long sum = 0;
    boolean any = false;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path t : tasks) {
        try {
          String s = Files.readString(t.resolve("schedstat"));
          sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
          any = true;
        } catch (IOException | RuntimeException e) {
          // The thread ended between listing and reading.
        }
      }
    } catch (IOException e) {
      // No /proc: fall back below.
    }
    if (any) {
      return sum + NativeHelper.cpuNanos();
    }
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
