package io.sandbench.store;

import java.time.Instant;

/** A line of {@code sandbench runs}. */
public record RunSummary(
    String id,
    Instant startedAt,
    Instant finishedAt,
    String status,
    String suiteName,
    String hostname,
    int done,
    int failed,
    int skippedRuntimes) {}
