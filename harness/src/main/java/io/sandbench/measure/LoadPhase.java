package io.sandbench.measure;

/** A stretch of the monitor's run, in seconds since launch: startup, idle, load, after. */
public record LoadPhase(String name, double fromSeconds, double toSeconds) {
  public static final String STARTUP = "startup";
  public static final String IDLE = "idle";
  public static final String LOAD = "load";
  public static final String AFTER = "after";

  boolean holds(double seconds) {
    return seconds > fromSeconds && seconds <= toSeconds;
  }
}
