package io.sandbench.result;

/**
 * One instance in one iteration: when it was launched (µs after the iteration's first launch),
 * how long to its first HTTP 200 (µs; null when it failed), the probe connections it took, and
 * why it failed (null when it answered).
 */
public record StartupSample(
    int instance, long launchOffsetMicros, Long readyMicros, int probeAttempts, String failure) {

  public boolean ok() {
    return readyMicros != null;
  }
}
