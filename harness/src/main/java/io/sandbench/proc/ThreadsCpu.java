package io.sandbench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time of one process, every thread, in nanoseconds: the scheduler's per-thread counters
 * (/proc/PID/task/TID/schedstat, ns resolution). /proc/PID/stat counts in 10 ms ticks, far too
 * coarse for costs of well under a millisecond.
 */
public final class ThreadsCpu {
  private ThreadsCpu() {}

  /** For {@code pid} ("self" for this process); empty when no thread could be read. */
  public static OptionalLong nanos(String pid) {
    long sum = 0;
    boolean any = false;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
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
      // The process is gone, or there is no /proc.
    }
    return any ? OptionalLong.of(sum) : OptionalLong.empty();
  }
}
