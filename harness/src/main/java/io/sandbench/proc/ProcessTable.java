package io.sandbench.proc;

import java.io.File;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every process on the host at one moment, from one pass over /proc reading only each
 * /proc/PID/stat: parent, CPU ticks, start time and RSS come from that one file. Process trees are
 * then walked in memory, so sampling 64 trees costs one scan, not 64.
 *
 * <p>{@link #refresh()} reuses the read buffer; a sampler keeps one table and refreshes it.
 */
public final class ProcessTable {
  private static final File PROC = new File("/proc");

  private final ProcFile file = new ProcFile();
  private final Map<Long, ProcStat> byPid = new HashMap<>();
  private final Map<Long, List<Long>> childrenByParent = new HashMap<>();

  /** A table read now. */
  public static ProcessTable snapshot() {
    ProcessTable t = new ProcessTable();
    t.refresh();
    return t;
  }

  /** Re-reads /proc. A process that vanishes between listing and reading is skipped. */
  public void refresh() {
    byPid.clear();
    childrenByParent.clear();
    String[] names = PROC.list();
    if (names == null) {
      throw new IllegalStateException("cannot list /proc: is procfs mounted?");
    }
    for (String name : names) {
      char c = name.charAt(0);
      if (c < '0' || c > '9') {
        continue;
      }
      long pid;
      try {
        pid = Long.parseLong(name);
      } catch (NumberFormatException e) {
        continue;
      }
      if (!file.read("/proc/" + name + "/stat")) {
        continue;
      }
      ProcStat s = ProcStat.parse(pid, file.bytes(), file.length());
      if (s == null) {
        continue;
      }
      byPid.put(pid, s);
      childrenByParent.computeIfAbsent(s.ppid(), k -> new ArrayList<>(2)).add(pid);
    }
  }

  public ProcStat get(long pid) {
    return byPid.get(pid);
  }

  public boolean contains(long pid) {
    return byPid.containsKey(pid);
  }

  public Collection<ProcStat> all() {
    return byPid.values();
  }

  /**
   * The roots alive in this table and all their descendants, in breadth-first order. A process in
   * {@code excluded} (a daemon shared by all instances) is left out with its own descendants.
   */
  public Set<Long> tree(Collection<Long> roots, Set<Long> excluded) {
    Set<Long> all = new LinkedHashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>();
    for (Long r : roots) {
      if (byPid.containsKey(r) && !excluded.contains(r)) {
        todo.add(r);
      }
    }
    while (!todo.isEmpty()) {
      Long p = todo.poll();
      if (all.add(p)) {
        for (Long child : childrenByParent.getOrDefault(p, List.of())) {
          if (!excluded.contains(child)) {
            todo.add(child);
          }
        }
      }
    }
    return all;
  }
}
