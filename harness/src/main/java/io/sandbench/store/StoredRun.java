package io.sandbench.store;

import java.time.Instant;
import java.util.Map;

/**
 * One suite run as stored: when, where (the host, as {@code Host.toMap()}), from which suite file
 * (its exact text, so the run can be resumed and re-read), and how it ended.
 *
 * @param status running (or killed while running), finished, or interrupted (Ctrl-C)
 */
public record StoredRun(
    String id,
    Instant startedAt,
    Instant finishedAt,
    String status,
    String suiteName,
    String suiteFile,
    String suiteText,
    String tool,
    Map<String, Object> host) {

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String INTERRUPTED = "interrupted";

  public StoredRun {
    host = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(host));
  }

  public String hostname() {
    return String.valueOf(host.getOrDefault("hostname", "?"));
  }
}
