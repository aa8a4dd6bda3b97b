package io.sandbench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time this JVM has used, all threads (JIT and GC included), in nanoseconds. Read from the
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
      return sum;
    }
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
