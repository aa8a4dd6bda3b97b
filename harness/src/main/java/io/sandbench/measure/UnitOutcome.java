package io.sandbench.measure;

import io.sandbench.result.SeriesPoint;
import io.sandbench.result.StartupIteration;
import java.util.List;
import java.util.Map;

/**
 * What one unit of a suite produced: its result as a JSON payload, its raw samples (startup
 * iterations, or named series for experiments without a table of their own), the runtime's facts,
 * and {@code failure} when it could not be measured ({@code skipped} when this build cannot run
 * its kind); either is tried again on resume.
 */
public record UnitOutcome(
    String resultJson,
    List<StartupIteration> startup,
    List<SeriesPoint> series,
    Map<String, String> facts,
    String failure,
    boolean skipped) {

  public UnitOutcome {
    startup = List.copyOf(startup);
    series = List.copyOf(series);
    facts = Map.copyOf(facts);
  }

  public UnitOutcome(String resultJson, List<StartupIteration> startup, List<SeriesPoint> series,
      Map<String, String> facts) {
    this(resultJson, startup, series, facts, null, false);
  }

  public static UnitOutcome failed(String why) {
    return new UnitOutcome(null, List.of(), List.of(), Map.of(), why, false);
  }

  /** Not measured, and not a failure: this build cannot run the unit's kind (yet). */
  public static UnitOutcome skipped(String why) {
    return new UnitOutcome(null, List.of(), List.of(), Map.of(), why, true);
  }
}
