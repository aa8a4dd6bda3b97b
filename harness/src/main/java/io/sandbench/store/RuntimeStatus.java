package io.sandbench.store;

/**
 * Whether a runtime of the suite could run on this host: its version when it could, why not and
 * the fix when it could not (shown in the report's list of skipped runtimes).
 */
public record RuntimeStatus(
    String runId, String runtime, String driver, boolean available, String version, String reason) {}
