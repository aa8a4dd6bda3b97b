package io.sandbench.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Samples the CPU and RSS of process trees: each {@link #sample()} is one pass over /proc (see
 * {@link ProcessTable}), however many trees are followed. CPU is utime + stime of /proc/PID/stat,
 * summed per tree as per-process differences since the previous sample: a process that started
 * meanwhile counts whole, one that ended meanwhile loses only its last interval (its ticks move to
 * its parent's cutime, which is not counted: that would count its life twice).
 *
 * <p>One thread samples; another may change what is followed. The sampler is the harness's own process, never in a tree.
 */
public final class TreeSampler {
  private volatile List<ProcessTree> trees;
  private volatile ProcessTree shared;
  private ProcessTable previous;
  private ProcessTable current;
  private long previousNanos;

  /**
   * @param trees the instance trees, sampled one by one
   * @param shared daemons serving all instances (containerd, dockerd): sampled apart, and left out
   *     of every tree even when they are descendants of a tree's root
   */
  public TreeSampler(List<ProcessTree> trees, ProcessTree shared) {
    this.trees = List.copyOf(trees);
    this.shared = shared;
    // The baseline: a process absent from it was started after this moment and counts whole.
    this.previous = new ProcessTable();
    this.current = new ProcessTable();
    this.previousNanos = System.nanoTime();
    previous.refresh();
  }

  public TreeSampler(List<ProcessTree> trees) {
    this(trees, ProcessTree.empty());
  }

  /** A sampler following no tree yet: its baseline is now, before the instances are launched. */
  public TreeSampler() {
    this(List.of());
  }

  /** From the next sample on, follows these trees (safe to call while another thread samples). */
  public void follow(List<ProcessTree> trees, ProcessTree shared) {
    this.shared = shared;
    this.trees = List.copyOf(trees);
  }

  public TreeSample sample() {
    long now = System.nanoTime();
    current.refresh();
    long interval = Math.max(1, now - previousNanos);
    List<ProcessTree> trees = this.trees;
    ProcessTree shared = this.shared;
    Set<Long> sharedPids = shared.isEmpty() ? Set.of() : shared.pids(current, Set.of());
    List<TreeUsage> usages = new ArrayList<>(trees.size());
    for (ProcessTree t : trees) {
      usages.add(usage(t.pids(current, sharedPids), interval));
    }
    TreeUsage sharedUsage = sharedPids.isEmpty() ? TreeUsage.NONE : usage(sharedPids, interval);
    ProcessTable swap = previous;
    previous = current;
    current = swap;
    previousNanos = now;
    return new TreeSample(now, interval, usages, sharedUsage);
  }

  private TreeUsage usage(Set<Long> pids, long intervalNanos) {
    long ticks = 0;
    long rssPages = 0;
    for (Long pid : pids) {
      ProcStat now = current.get(pid);
      ProcStat before = previous.get(pid);
      boolean same = before != null && before.startTicks() == now.startTicks();
      ticks += same ? Math.max(0, now.cpuTicks() - before.cpuTicks()) : now.cpuTicks();
      rssPages += now.rssPages();
    }
    double seconds = intervalNanos / 1e9;
    double cpuPercent = 100.0 * ticks / ProcStat.TICKS_PER_SECOND / seconds;
    return new TreeUsage(pids.size(), cpuPercent, rssPages * PageSize.BYTES);
  }
}
