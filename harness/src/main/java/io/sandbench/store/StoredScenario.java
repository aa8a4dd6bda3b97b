package io.sandbench.store;

import java.time.Instant;
import java.util.Map;

/**
 * One unit of a run, as committed: runtime (its suite label, and the driver), workload,
 * experiment kind and entry, the unit's key and parameters, the runtime's facts, and the
 * experiment's result as a JSON payload (its raw samples are in their own tables).
 *
 * @param key unique within the run: {@code label/workload/kind#entry/unit}
 * @param status done, failed or skipped (with the reason; both are tried again on resume)
 */
public record StoredScenario(
    String runId,
    String key,
    int seq,
    String runtime,
    String driver,
    String workload,
    String experiment,
    int entry,
    String unit,
    Map<String, Object> parameters,
    String status,
    String reason,
    Map<String, String> facts,
    String resultJson,
    Instant startedAt,
    Instant finishedAt) {

  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public StoredScenario {
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
  }

  public static String key(String runtime, String workload, String experiment, int entry, String unit) {
    return runtime + "/" + workload + "/" + experiment + "#" + entry + "/" + unit;
  }

  public boolean done() {
    return DONE.equals(status);
  }
}
