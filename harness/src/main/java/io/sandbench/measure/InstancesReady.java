package io.sandbench.measure;

import io.sandbench.probe.ReadinessProbe;
import io.sandbench.probe.Watch;
import io.sandbench.runtime.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits until freshly launched instances answer HTTP 200, with the startup experiment's probe. */
final class InstancesReady {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(5);

  private InstancesReady() {}

  /**
   * Returns the nanoTime at which the last of them answered; throws, with the instance's last
   * output, if one exits or stays silent past the deadline.
   */
  static long await(List<Instance> instances, long launchedAt) {
    List<Watch> watches = new ArrayList<>();
    try (ReadinessProbe probe = ReadinessProbe.open(PROBE_INTERVAL)) {
      for (Instance i : instances) {
        watches.add(probe.watch(i, launchedAt, launchedAt + DEADLINE.toNanos()));
      }
      probe.awaitAll(watches);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the instances to answer", e);
    }
    long last = launchedAt;
    for (Watch w : watches) {
      if (!w.succeeded()) {
        throw new IllegalStateException("instance " + w.instance().id() + ": " + w.failure());
      }
      last = Math.max(last, w.launchedAt() + w.readyAfterNanos());
    }
    return last;
  }
}
