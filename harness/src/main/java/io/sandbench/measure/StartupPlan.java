package io.sandbench.measure;

import io.sandbench.scenario.ArgvTemplate;
import io.sandbench.scenario.Stagger;
import java.time.Duration;
import java.util.List;

/**
 * A validated startup scan: every instance count with every stagger, {@code warmup} unmeasured
 * iterations then {@code iterations} measured ones each, the clean-up command between iterations,
 * the cool-down, the per-instance deadline and the probe interval.
 */
public record StartupPlan(
    List<Integer> instances,
    List<Stagger> staggers,
    int iterations,
    int warmup,
    Duration cooldown,
    Duration timeout,
    Duration probeInterval,
    ArgvTemplate cleanup) {

  public StartupPlan {
    instances = List.copyOf(instances);
    staggers = List.copyOf(staggers);
  }

  /** How many instances the whole scan launches, warm-ups included (for the progress bar). */
  public long totalLaunches() {
    long perStagger = instances.stream().mapToLong(Integer::longValue).sum();
    return perStagger * staggers.size() * (iterations + warmup);
  }
}
