package io.sandbench.exec;

import io.sandbench.proc.ProcessTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@link ProcessTable} reused for {@value #TTL_MILLIS} ms, so that killing many process trees
 * in a row reads /proc once, not once per tree.
 */
final class ProcessSnapshot {
  private static final long TTL_MILLIS = 100;
  private static ProcessSnapshot latest;
  private final long takenAtNanos = System.nanoTime();
  private final ProcessTable table;

  private ProcessSnapshot(ProcessTable table) {
    this.table = table;
  }

  static synchronized ProcessSnapshot current() {
    if (latest == null || System.nanoTime() - latest.takenAtNanos > TTL_MILLIS * 1_000_000) {
      latest = new ProcessSnapshot(ProcessTable.snapshot());
    }
    return latest;
  }

  /** A snapshot taken now (and kept for the calls that follow). */
  static synchronized ProcessSnapshot fresh() {
    latest = new ProcessSnapshot(ProcessTable.snapshot());
    return latest;
  }

  /** Every descendant of {@code pid} in the snapshot, the process itself left out. */
  List<Long> descendantsOf(long pid) {
    List<Long> out = new ArrayList<>(table.tree(List.of(pid), Set.of()));
    out.remove(Long.valueOf(pid));
    return out;
  }
}
