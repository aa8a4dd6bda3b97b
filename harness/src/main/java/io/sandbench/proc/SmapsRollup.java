package io.sandbench.proc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The memory of one process as smem shows it, in bytes: RSS, PSS (each shared page divided among
 * the processes that map it), USS (Private_Clean + Private_Dirty: what ending the process frees),
 * shared (Shared_Clean + Shared_Dirty) and swap. From /proc/PID/smaps_rollup (Linux 4.14+), or
 * summed over /proc/PID/smaps where the kernel has no rollup.
 */
public record SmapsRollup(long rss, long pss, long uss, long shared, long swap) {

  /** Empty if the process has gone or its maps cannot be read (a kernel thread has none). */
  public static Optional<SmapsRollup> read(long pid) {
    ProcFile f = new ProcFile();
    if (f.read("/proc/" + pid + "/smaps_rollup") && f.length() > 0) {
      return Optional.of(parse(text(f)));
    }
    return readSmaps(pid);
  }

  /** Sums every mapping of /proc/PID/smaps: the same figures, slower, on kernels before 4.14. */
  public static Optional<SmapsRollup> readSmaps(long pid) {
    ProcFile f = new ProcFile();
    if (!f.read("/proc/" + pid + "/smaps") || f.length() == 0) {
      return Optional.empty();
    }
    return Optional.of(parse(text(f)));
  }

  /** Adds up the fields over every block of the text: one block (rollup) or one per mapping. */
  static SmapsRollup parse(String text) {
    long rss = 0;
    long pss = 0;
    long uss = 0;
    long shared = 0;
    long swap = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("Rss:")) {
        rss += KiloBytes.parse(line);
      } else if (line.startsWith("Pss:")) {
        pss += KiloBytes.parse(line);
      } else if (line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:")) {
        uss += KiloBytes.parse(line);
      } else if (line.startsWith("Shared_Clean:") || line.startsWith("Shared_Dirty:")) {
        shared += KiloBytes.parse(line);
      } else if (line.startsWith("Swap:")) {
        swap += KiloBytes.parse(line);
      }
    }
    return new SmapsRollup(rss, pss, uss, shared, swap);
  }

  private static String text(ProcFile f) {
    return new String(f.bytes(), 0, f.length(), StandardCharsets.UTF_8);
  }
}
