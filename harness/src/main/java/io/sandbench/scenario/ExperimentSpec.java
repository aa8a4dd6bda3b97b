package io.sandbench.scenario;

import java.util.List;
import java.util.Map;

/**
 * One entry of a suite's {@code experiments:} list, validated. It splits into the units a suite
 * runs, stores and resumes one by one ({@link #units()}).
 */
public interface ExperimentSpec {
  /** startup, memory or monitor. */
  String kind();

  /** Its position in the file's list (part of every unit key, so two entries never clash). */
  int entry();

  /** The units of work, each committed to the database on its own. */
  List<Unit> units();

  /** The largest number of instances it runs at once (for the port range). */
  int maxInstances();

  /** The parameters as stored and shown, whole entry. */
  Map<String, Object> describe();

  /**
   * One unit: a key unique within the entry ("64x25ms"), and its own parameters (for startup, one
   * instance count and one stagger).
   */
  record Unit(String key, Map<String, Object> parameters) {
    public Unit {
      parameters = Map.copyOf(parameters);
    }
  }
}
