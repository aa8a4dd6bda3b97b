package io.sandbench.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU % and RSS over time from a suite: sampled every {@code interval} from launch, through
 * {@code idle}, {@code load} (the load client, {@code delay} between requests) and {@code after}.
 */
public record MonitorSpec(
    int entry, Duration interval, Duration idle, Duration load, Duration after, Duration delay)
    implements ExperimentSpec {

  @Override
  public String kind() {
    return "monitor";
  }

  @Override
  public List<Unit> units() {
    return List.of(new Unit("timeline", describe()));
  }

  @Override
  public int maxInstances() {
    return 1;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("interval", Durations.format(interval));
    m.put("idle", Durations.format(idle));
    m.put("load", Durations.format(load));
    m.put("after", Durations.format(after));
    m.put("delay", Durations.format(delay));
    return m;
  }
}
