package io.sandbench.measure;

/**
 * The monitor's figures: time to the first 200, mean CPU % (of one core) while idle, under load
 * (less the first and last second of the load phase, while webc's JVM starts and exits) and after, RSS while idle (mean) and at its peak, what the load client got, and the harness's own
 * CPU % while it sampled (to show the sampler stays out of the figures).
 */
public record LoadSummary(
    long startupMillis,
    double idleCpuPercent,
    double loadedCpuPercent,
    double afterCpuPercent,
    long rssIdleBytes,
    long rssLoadedBytes,
    long rssPeakBytes,
    double harnessCpuPercent,
    WebcResult load) {}
