package io.sandbench.proc;

import java.util.Optional;

/**
 * The memory of one process, all in bytes: VmSize and VmRSS from status, and RSS, PSS, USS,
 * shared and swap from smaps_rollup: one row of the article's smem tables.
 */
public record ProcessMemory(
    long pid,
    String command,
    long vmSize,
    long vmRss,
    long rss,
    long pss,
    long uss,
    long shared,
    long swap) {

  /** Reads the process now; empty if it vanished meanwhile (skipped, not an error). */
  public static Optional<ProcessMemory> read(long pid) {
    Optional<String> command = ProcessCommand.read(pid);
    Optional<ProcStatus> status = ProcStatus.read(pid);
    Optional<SmapsRollup> smaps = SmapsRollup.read(pid);
    if (command.isEmpty() || status.isEmpty()) {
      return Optional.empty();
    }
    if (smaps.isEmpty() && !new java.io.File("/proc/" + pid).exists()) {
      return Optional.empty(); // went between reading its status and its maps
    }
    SmapsRollup m = smaps.orElse(new SmapsRollup(0, 0, 0, 0, 0));
    ProcStatus s = status.get();
    return Optional.of(
        new ProcessMemory(
            pid, command.get(), s.vmSizeBytes(), s.vmRssBytes(), m.rss(), m.pss(), m.uss(),
            m.shared(), m.swap()));
  }
}
