package io.sandbench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A startup scan from a suite: every instance count with every stagger, as one unit each. */
public record StartupSpec(
    int entry,
    List<Integer> instances,
    List<Stagger> staggers,
    int iterations,
    int warmup,
    Duration cooldown,
    Duration timeout,
    Duration probeInterval)
    implements ExperimentSpec {

  public StartupSpec {
    instances = List.copyOf(instances);
    staggers = List.copyOf(staggers);
  }

  @Override
  public String kind() {
    return "startup";
  }

  @Override
  public List<Unit> units() {
    List<Unit> out = new ArrayList<>();
    for (int n : instances) {
      for (Stagger s : staggers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instances", n);
        p.put("stagger", s.toString());
        out.add(new Unit(n + "x" + s, p));
      }
    }
    return out;
  }

  @Override
  public int maxInstances() {
    return instances.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instances", instances);
    m.put("stagger", staggers.stream().map(Stagger::toString).toList());
    m.put("iterations", iterations);
    m.put("warmup", warmup);
    m.put("cooldown", Durations.format(cooldown));
    m.put("timeout", Durations.format(timeout));
    m.put("probeInterval", Durations.format(probeInterval));
    return m;
  }
}
