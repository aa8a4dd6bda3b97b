package io.sandbench.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The processes a driver names for an instance (its roots), plus all their descendants, found from
 * /proc. Descendants are looked up each time: a runtime may start helpers after launch.
 */
public final class ProcessTree {
  private static final ProcessTree EMPTY = new ProcessTree(List.of());

  private final List<Long> roots;

  public ProcessTree(List<Long> roots) {
    this.roots = List.copyOf(roots);
  }

  public static ProcessTree of(long... pids) {
    if (pids.length == 0) {
      return EMPTY;
    }
    List<Long> list = new ArrayList<>();
    for (long p : pids) {
      list.add(p);
    }
    return new ProcessTree(list);
  }

  public static ProcessTree empty() {
    return EMPTY;
  }

  public List<Long> roots() {
    return roots;
  }

  public boolean isEmpty() {
    return roots.isEmpty();
  }

  /** Roots and descendants alive now; a root that has gone is left out. */
  public Set<Long> pids() {
    return pids(ProcessTable.snapshot(), Set.of());
  }

  /** Roots and descendants in {@code table}, without the {@code excluded} ones and theirs. */
  public Set<Long> pids(ProcessTable table, Set<Long> excluded) {
    return table.tree(roots, excluded);
  }

  @Override
  public String toString() {
    return "ProcessTree" + roots;
  }
}
