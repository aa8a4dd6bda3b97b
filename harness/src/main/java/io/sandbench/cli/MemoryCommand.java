package io.sandbench.cli;

import io.sandbench.measure.MemoryExperiment;
import io.sandbench.measure.MemoryResult;
import io.sandbench.measure.MemoryRun;
import io.sandbench.measure.Session;
import io.sandbench.report.AtomicFile;
import io.sandbench.report.MemoryReport;
import io.sandbench.result.RunInfo;
import io.sandbench.runtime.Runtimes;
import io.sandbench.scenario.Durations;
import io.sandbench.scenario.ListFlag;
import io.sandbench.scenario.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sandbench memory}: idle memory per instance and process, and the marginal cost of one more. */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    header = "Idle memory per instance and process, the marginal cost of one more, and the overhead over native.",
    description = {
      "Starts 1, 2, 4, 8 ... instances (and one more than the largest count), waits until they are"
          + " idle, and reports every process of every instance (VmSize, VmRSS, USS, PSS, RSS), the"
          + " marginal cost of one more instance (by subtraction and by least squares) and, against"
          + " native measured in the same run, the runtime's overhead per instance."
    })
public final class MemoryCommand implements Callable<Integer> {
  static final int MAX_INSTANCES = 1024;

  @Spec CommandSpec spec;
  @Mixin ScenarioOptions scenario;

  @Option(names = "--instances", defaultValue = "1,2,4,8", paramLabel = "N,N,...",
      description = "Instance counts to measure. Default: ${DEFAULT-VALUE}.")
  String instances;

  @Option(names = "--settle", defaultValue = "5s", paramLabel = "DURATION",
      description = "Longest wait at each count for the instances' CPU to fall to ~0 (0 = none). Default: ${DEFAULT-VALUE}.")
  String settle;

  @Option(names = "--export-json", paramLabel = "FILE", description = "Write everything as JSON.")
  Path exportJson;

  @Option(names = "--export-csv", paramLabel = "FILE", description = "Write one CSV row per process per count.")
  Path exportCsv;

  @Option(names = "--export-markdown", paramLabel = "FILE", description = "Write the tables as Markdown.")
  Path exportMarkdown;

  /** 0 when measured; 1, with one line saying why, when an instance failed (exited, never answered). */
  @Override
  public Integer call() {
    return ExperimentFailure.exitCode(spec, "memory", this::measure);
  }

  private void measure() {
    // Every flag is checked before anything starts.
    List<Integer> counts = ListFlag.integers("--instances", instances, 1, MAX_INSTANCES - 1);
    Duration settleBound = Durations.parse("--settle", settle);
    Runtimes.named(scenario.runtime());
    Workload workload = scenario.workload();
    int basePort = scenario.basePort(Collections.max(counts) + 1);
    Map<String, String> options = scenario.runtimeOptions();
    for (Path p : exports()) {
      AtomicFile.checkWritable(p);
    }
    PrintWriter err = spec.commandLine().getErr();
    MemoryExperiment experiment =
        new MemoryExperiment(counts, settleBound, line -> {
          err.println(line);
          err.flush();
        });

    MemoryRun measured;
    RunInfo info;
    try (Session s = Session.open(scenario.runtime(), workload, options, basePort)) {
      info = s.runInfo("memory", parameters(counts, settleBound, experiment));
      measured = experiment.run(s.prepared(), s.runtime().name());
    }
    Optional<MemoryRun> nativeRun = Optional.empty();
    if (!scenario.runtime().equals("native")) {
      try (Session s = Session.open("native", workload, Map.of(), basePort)) {
        nativeRun = Optional.of(experiment.run(s.prepared(), "native"));
      }
    }
    MemoryResult result = new MemoryResult(info, measured, nativeRun);
    PrintWriter out = spec.commandLine().getOut();
    out.print(MemoryReport.markdown(result, false));
    out.flush();
    export(result);
  }

  private Map<String, Object> parameters(List<Integer> counts, Duration settleBound, MemoryExperiment e) {
    Map<String, Object> m = new LinkedHashMap<>(scenario.describe());
    m.put("instances", counts);
    m.put("ramp", e.ramp());
    m.put("settle", Durations.format(settleBound));
    return m;
  }

  private List<Path> exports() {
    List<Path> l = new java.util.ArrayList<>();
    for (Path p : new Path[] {exportJson, exportCsv, exportMarkdown}) {
      if (p != null) {
        l.add(p);
      }
    }
    return l;
  }

  /** Each export written whole or not at all. */
  private void export(MemoryResult r) {
    if (exportJson != null) {
      AtomicFile.writeString(exportJson, MemoryReport.json(r));
    }
    if (exportCsv != null) {
      AtomicFile.writeString(exportCsv, MemoryReport.csv(r));
    }
    if (exportMarkdown != null) {
      AtomicFile.writeString(exportMarkdown, MemoryReport.markdown(r, true));
    }
  }
}
