package io.sandbench.result;

/**
 * One raw point of a named series of a unit (e.g. "cpu_percent" or "rss_kib" at t seconds, or
 * "uss_kib" at n instances): how experiments without a table of their own keep raw samples.
 */
public record SeriesPoint(String series, double x, double y) {}
