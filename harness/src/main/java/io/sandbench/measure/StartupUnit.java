package io.sandbench.measure;

import io.sandbench.report.Json;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.scenario.ExperimentSpec;
import io.sandbench.scenario.Stagger;
import io.sandbench.scenario.StartupSpec;
import io.sandbench.stats.Outliers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One point of a suite's startup scan (one instance count, one stagger) through the startup
 * experiment, unchanged. The payload holds the derived figures; the raw samples go to their table.
 */
final class StartupUnit implements UnitExperiment {
  @Override
  public UnitOutcome run(Session session, ExperimentSpec spec, ExperimentSpec.Unit unit,
      Consumer<String> progress) throws InterruptedException {
    StartupSpec s = (StartupSpec) spec;
    int n = (Integer) unit.parameters().get("instances");
    Stagger stagger = Stagger.parse((String) unit.parameters().get("stagger"));
    StartupPlan plan = new StartupPlan(List.of(n), List.of(stagger), s.iterations(), s.warmup(),
        s.cooldown(), s.timeout(), s.probeInterval(), null);
    List<StartupConfiguration> configs =
        new StartupExperiment(session.prepared(), plan, StartupListener.NONE).run();
    StartupConfiguration c = configs.get(0);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("instances", c.instances());
    payload.put("stagger", c.stagger());
    payload.put("summaryMillis", c.summary());
    payload.put("failures", c.failures());
    payload.put("harnessCpuMicrosPerInstance", c.harnessCpuMicrosPerInstance());
    Outliers o = c.outliers();
    payload.put("outlierWarning", o == null ? "" : o.warning());
    progress.accept(c.summary() == null
        ? "no instance answered (" + c.failures() + " failures)"
        : String.format("%.2f ms ± %.2f%s", c.summary().mean(),
            Double.isNaN(c.summary().ciHalfWidth()) ? 0.0 : c.summary().ciHalfWidth(),
            c.failures() > 0 ? ", " + c.failures() + " failures" : ""));
    return new UnitOutcome(Json.write(payload), c.iterations(), List.of(),
        session.runInfo("startup", unit.parameters()).runtimeFacts());
  }
}
