package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.measure.Session;
import io.sandbench.measure.StartupExperiment;
import io.sandbench.measure.StartupListener;
import io.sandbench.measure.StartupPlan;
import io.sandbench.net.AddressPlan;
import io.sandbench.report.StartupExport;
import io.sandbench.report.StartupTables;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupResult;
import io.sandbench.scenario.ArgvTemplate;
import io.sandbench.scenario.Durations;
import io.sandbench.scenario.ListFlag;
import io.sandbench.scenario.Stagger;
import io.sandbench.scenario.Workload;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The article's startup experiment: launch to first HTTP 200, scanned over counts and staggers. */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description = "Time from launch to first HTTP 200 for 1..N instances, at once or staggered.")
public final class StartupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ScenarioOptions scenario;
  @Mixin ExportOptions exports;

  @Option(names = "--instances", defaultValue = "1",
      description = "Instance counts to scan, e.g. 1,4,8,16,32,64. Default: ${DEFAULT-VALUE}.")
  String instances;

  @Option(names = "--stagger", defaultValue = "none",
      description = "Between launches: none, yield, or a duration (25ms); a list scans each.")
  String stagger;

  @Option(names = "--iterations", defaultValue = "5",
      description = "Measured iterations per configuration. Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(names = "--warmup", defaultValue = "0",
      description = "Unmeasured iterations first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--cooldown", defaultValue = "5s",
      description = "Pause between iterations. Default: ${DEFAULT-VALUE}.")
  String cooldown;

  @Option(names = "--timeout", defaultValue = "60s",
      description = "An instance without a 200 after this is a failure. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(names = "--probe-interval", defaultValue = "500us",
      description = "How often a pending instance is tried (at most 1ms). Default: ${DEFAULT-VALUE}.")
  String probeInterval;

  @Option(names = "--cleanup", paramLabel = "'CMD ARGS'",
      description = "Command run before each iteration (e.g. 'pkill webd'); no shell.")
  String cleanup;

  @Override
  public Integer call() throws Exception {
    StartupPlan plan = plan();
    Workload workload = scenario.workload();
    int maxInstances = plan.instances().stream().mapToInt(Integer::intValue).max().orElse(1);
    int basePort = scenario.basePort(maxInstances);
    exports.check();

    PrintWriter out = spec.commandLine().getOut();
    ProgressBar bar = new ProgressBar(System.err, plan.totalLaunches());
    try (Session session =
        Session.open(scenario.runtime(), workload, scenario.runtimeOptions(), basePort)) {
      StartupListener printer = new StartupListener() {
        @Override
        public void configurationStarted(int n, String s) {
          bar.clear();
          out.println(StartupTables.header(n, s));
          out.flush();
          bar.label(n + " instances, stagger " + s);
        }

        @Override
        public void iterationDone(int n, String s, StartupIteration it) {
          bar.clear();
          out.println(StartupTables.iterationLine(it));
          out.flush();
        }

        @Override
        public void configurationDone(StartupConfiguration c) {
          bar.clear();
          out.println(StartupTables.summaryLines(c));
          out.flush();
        }

        @Override
        public void launched(long done) {
          bar.update(done);
        }
      };
      List<StartupConfiguration> configs =
          new StartupExperiment(session.prepared(), plan, printer).run();
      bar.clear();
      StartupResult result = new StartupResult(session.runInfo("startup", parameters(plan)), configs);
      out.println();
      out.println("Runtime " + scenario.runtime() + ", workload " + workload.name() + ", run "
          + session.runId() + ", " + session.host().cpuModel() + " (" + session.host().cores()
          + " cores)");
      out.print(StartupTables.table(result).render());
      out.flush();
      exports.write(
          () -> StartupExport.json(result),
          () -> StartupExport.csv(result),
          () -> StartupExport.markdown(result));
      long failures = configs.stream().mapToLong(StartupConfiguration::failures).sum();
      return failures == 0 ? 0 : 1;
    }
  }

  /** Every flag checked before anything starts: one line and exit 2 on the first bad one. */
  StartupPlan plan() {
    List<Integer> counts =
        ListFlag.integers("--instances", instances, 1, AddressPlan.MAX_INSTANCES);
    List<Stagger> staggers = ListFlag.parse("--stagger", stagger, Stagger::parse);
    if (iterations < 1) {
      throw new UserError("--iterations must be at least 1, got " + iterations);
    }
    if (warmup < 0) {
      throw new UserError("--warmup must be 0 or more, got " + warmup);
    }
    Duration cool = Durations.parse("--cooldown", cooldown);
    Duration deadline = Durations.positive("--timeout", timeout);
    Duration interval = Durations.positive("--probe-interval", probeInterval);
    if (interval.compareTo(Duration.ofMillis(1)) > 0) {
      throw new UserError("--probe-interval must be at most 1ms, got " + probeInterval);
    }
    ArgvTemplate clean = cleanup == null ? null : ArgvTemplate.parse("--cleanup", cleanup);
    return new StartupPlan(counts, staggers, iterations, warmup, cool, deadline, interval, clean);
  }

  private Map<String, Object> parameters(StartupPlan plan) {
    Map<String, Object> m = new LinkedHashMap<>(scenario.describe());
    m.put("instances", plan.instances());
    m.put("stagger", plan.staggers().stream().map(Stagger::toString).toList());
    m.put("iterations", plan.iterations());
    m.put("warmup", plan.warmup());
    m.put("cooldown", Durations.format(plan.cooldown()));
    m.put("timeout", Durations.format(plan.timeout()));
    m.put("probeInterval", Durations.format(plan.probeInterval()));
    if (plan.cleanup() != null) {
      m.put("cleanup", plan.cleanup().source());
    }
    return m;
  }
}
