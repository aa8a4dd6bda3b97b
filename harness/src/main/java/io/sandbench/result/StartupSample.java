package io.sandbench.result;

import io.sandbench.runtime.BootTimeline;
import java.util.List;

/**
 * One instance in one iteration: when it was launched (µs after the iteration's first launch),
 * how long to its first HTTP 200 (µs; null when it failed), the probe connections it took, and
 * why it failed (null when it answered), and the boot phases the runtime reported (µs after the
 * instance's launch, e.g. a microVM's vmm-started, kernel-start, init, workload-listening; null
 * where the runtime has none).
 */
public record StartupSample(
    int instance,
    long launchOffsetMicros,
    Long readyMicros,
    int probeAttempts,
    String failure,
    List<BootTimeline.Mark> bootPhases) {

  public boolean ok() {
    return readyMicros != null;
  }
}
