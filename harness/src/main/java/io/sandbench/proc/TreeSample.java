package io.sandbench.proc;

import java.util.List;

/**
 * One sample of every tree a {@link TreeSampler} follows, taken at {@code nanos} (System.nanoTime),
 * covering the {@code intervalNanos} since the previous one. {@code shared} is the daemons that serve
 * all instances, kept apart from the trees.
 */
public record TreeSample(long nanos, long intervalNanos, List<TreeUsage> trees, TreeUsage shared) {
  public TreeSample {
    trees = List.copyOf(trees);
  }

  /** All trees together (without the shared daemons). */
  public TreeUsage total() {
    int n = 0;
    double cpu = 0;
    long rss = 0;
    for (TreeUsage t : trees) {
      n += t.processes();
      cpu += t.cpuPercent();
      rss += t.rssBytes();
    }
    return new TreeUsage(n, cpu, rss);
  }
}
