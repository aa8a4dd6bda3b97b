package io.sandbench.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle memory from a suite: a ramp of instance counts (one more than the largest is added by the
 * experiment, the article's one-more-instance method), each left to settle up to {@code settle}.
 */
public record MemorySpec(int entry, List<Integer> instances, Duration settle)
    implements ExperimentSpec {

  public MemorySpec {
    instances = List.copyOf(instances);
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public List<Unit> units() {
    return List.of(new Unit("ramp", describe()));
  }

  @Override
  public int maxInstances() {
    return instances.stream().mapToInt(Integer::intValue).max().orElse(1) + 1;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instances", instances);
    m.put("settle", Durations.format(settle));
    return m;
  }
}
