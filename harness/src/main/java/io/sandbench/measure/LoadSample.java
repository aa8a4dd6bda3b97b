package io.sandbench.measure;

/**
 * One sample of the monitored instance's tree: seconds since launch, the phase it fell in, CPU %
 * of one core over the interval before it, the summed RSS, and how many processes the tree had.
 */
public record LoadSample(double seconds, String phase, double cpuPercent, long rssBytes, int processes) {}
