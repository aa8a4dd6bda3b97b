package io.sandbench.proc;

/**
 * What one process tree used at one sample: how many processes it had, its CPU since the previous
 * sample (percent of one core: 200 means two cores busy) and the sum of its processes' RSS.
 */
public record TreeUsage(int processes, double cpuPercent, long rssBytes) {
  public static final TreeUsage NONE = new TreeUsage(0, 0, 0);
}
