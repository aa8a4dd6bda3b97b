package io.sandbench.result;

import io.sandbench.host.Host;
import java.time.Instant;
import java.util.Map;

/**
 * What every export starts with: which tool, which run, when, on which host, with exactly which
 * parameters, and the facts the runtime reported (network mode, acceleration, versions).
 */
public record RunInfo(
    String tool,
    String runId,
    String experiment,
    Instant startedAt,
    Host host,
    Map<String, Object> parameters,
    Map<String, String> runtimeFacts) {

  public RunInfo {
    parameters = Map.copyOf(parameters);
    runtimeFacts = Map.copyOf(runtimeFacts);
  }
}
