package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.measure.LoadExperiment;
import io.sandbench.measure.LoadResult;
import io.sandbench.measure.Session;
import io.sandbench.report.AtomicFile;
import io.sandbench.report.LoadReport;
import io.sandbench.result.RunInfo;
import io.sandbench.runtime.Runtimes;
import io.sandbench.scenario.Durations;
import io.sandbench.scenario.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sandbench monitor}: CPU % and RSS of one instance over time, idle and under load. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    header = "CPU %% and RSS of one instance over time: start-up, idle, under load, after; CSV, chart, summary.",
    description = {
      "Launches one instance and samples the CPU %% and RSS of its processes from the moment of"
          + " launch, through an idle period, a load phase (webc: one connection, closed loop) and a"
          + " quiet period after it. Writes samples.csv, chart.png and summary.json into --out."
    })
public final class MonitorCommand implements Callable<Integer> {
  static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  static final String WEBC = "io.sandbench.workload.webc.Webc";

  @Spec CommandSpec spec;
  @Mixin ScenarioOptions scenario;

  @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
      description = "Sampling interval (100ms and up is sensible). Default: ${DEFAULT-VALUE}.")
  String interval;

  @Option(names = "--idle", defaultValue = "10s", paramLabel = "DURATION",
      description = "Idle period after the first 200. Default: ${DEFAULT-VALUE}.")
  String idle;

  @Option(names = "--load", defaultValue = "20s", paramLabel = "DURATION",
      description = "Load phase length. Default: ${DEFAULT-VALUE}.")
  String load;

  @Option(names = "--after", defaultValue = "5s", paramLabel = "DURATION",
      description = "Quiet period after the load. Default: ${DEFAULT-VALUE}.")
  String after;

  @Option(names = "--load-delay-ms", defaultValue = "1", paramLabel = "MS",
      description = "webc's pause between requests, in ms. Default: ${DEFAULT-VALUE}.")
  int loadDelayMs;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for samples.csv, chart.png and summary.json (created if missing).")
  Path out;

  @Option(names = "--chart-size", defaultValue = "1200x600", paramLabel = "WxH",
      description = "Chart size in pixels. Default: ${DEFAULT-VALUE}.")
  String chartSize;

  /** 0 when measured; 1, with one line saying why, when an instance failed (exited, never answered). */
  @Override
  public Integer call() {
    return ExperimentFailure.exitCode(spec, "monitor", this::measure);
  }

  private void measure() {
    // Every flag is checked before anything starts.
    Duration every = Durations.positive("--interval", interval);
    if (every.compareTo(MIN_INTERVAL) < 0) {
      throw new UserError("--interval " + interval + " is too short; use 10ms or more (100ms is the finest useful)");
    }
    if (loadDelayMs < 0) {
      throw new UserError("--load-delay-ms " + loadDelayMs + " is negative; give 0 or more");
    }
    LoadExperiment.Plan plan =
        new LoadExperiment.Plan(
            every,
            Durations.parse("--idle", idle),
            Durations.positive("--load", load),
            Durations.parse("--after", after),
            loadDelayMs);
    int[] size = chartSize(chartSize);
    Runtimes.named(scenario.runtime());
    Workload workload = scenario.workload();
    int basePort = scenario.basePort(1);
    Map<String, String> options = scenario.runtimeOptions();
    checkWebc();
    prepareOut(out);

    PrintWriter err = spec.commandLine().getErr();
    LoadExperiment experiment = new LoadExperiment(plan, line -> {
      err.println(line);
      err.flush();
    });
    LoadResult result;
    RunInfo info;
    try (Session s = Session.open(scenario.runtime(), workload, options, basePort)) {
      info = s.runInfo("monitor", parameters(plan));
      result = experiment.run(s.prepared(), s.runtime().name());
    }
    LoadReport.write(out, info, result, size[0], size[1]);
    PrintWriter o = spec.commandLine().getOut();
    o.print(LoadReport.text(result));
    o.println("written: " + out.resolve(LoadReport.SAMPLES) + ", " + out.resolve(LoadReport.CHART)
        + ", " + out.resolve(LoadReport.SUMMARY));
    o.flush();
  }

  private Map<String, Object> parameters(LoadExperiment.Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>(scenario.describe());
    m.put("interval", Durations.format(plan.interval()));
    m.put("idle", Durations.format(plan.idle()));
    m.put("load", Durations.format(plan.load()));
    m.put("after", Durations.format(plan.after()));
    m.put("loadDelayMs", plan.delayMillis());
    m.put("loadClient", "webc, one connection, closed loop");
    return m;
  }

  static int[] chartSize(String text) {
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        int w = Integer.parseInt(parts[0].strip());
        int h = Integer.parseInt(parts[1].strip());
        if (w >= 200 && h >= 150 && w <= 10000 && h <= 10000) {
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException e) {
      // Falls through to the one-line error.
    }
    throw new UserError("--chart-size '" + text + "' is not WIDTHxHEIGHT between 200x150 and 10000x10000, e.g. 1200x600");
  }

  /** The load client ships in the same jar; say so plainly if this build lacks it. */
  private static void checkWebc() {
    try {
      Class.forName(WEBC, false, MonitorCommand.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UserError("the load client " + WEBC + " is not in this build; rebuild with ./mvnw -B -ntp -DskipTests package");
    }
  }

  /** Creates the directory if needed and proves it writable, before anything starts. */
  static void prepareOut(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("--out " + dir + ": cannot create the directory (" + e.getMessage() + "); choose a writable place");
    }
    for (String f : new String[] {LoadReport.SAMPLES, LoadReport.CHART, LoadReport.SUMMARY}) {
      AtomicFile.checkWritable(dir.resolve(f));
    }
    try {
      Files.deleteIfExists(Files.createTempFile(dir, ".sandbench-check", ".tmp"));
    } catch (IOException e) {
      throw new UserError("--out " + dir + " is not writable (" + e.getMessage() + "); choose a writable directory");
    }
  }
}
