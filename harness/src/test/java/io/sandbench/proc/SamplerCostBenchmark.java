package io.sandbench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sandbench.measure.TestPorts;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.Workloads;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sampler's own cost (BENCHMARKS.md, "Memory and monitor"): 64 native instances, their 64
 * trees sampled every 100 ms. Not part of the normal test run (the name does not end in Test); run
 * it with {@code -Dtest=SamplerCostBenchmark}. Workload: -Dbench.workload (default busybox-httpd),
 * seconds per phase: -Dbench.seconds (default 30).
 */
class SamplerCostBenchmark {
  @Test
  void samplerCostFor64Trees() throws Exception {
    String workload = System.getProperty("bench.workload", "busybox-httpd");
    int n = Integer.getInteger("bench.instances", 64);
    long seconds = Long.getLong("bench.seconds", 30);
    Path work = Files.createTempDirectory("sandbench-bench");
    Setup setup = new Setup(Workloads.named(workload, null), work, "bench1", TestPorts.base(), Map.of());
    List<Instance> instances = new ArrayList<>();
    try (Prepared p = Runtimes.named("native").prepare(setup)) {
      try {
        for (int i = 0; i < n; i++) {
          instances.add(p.launch(i));
        }
        Thread.sleep(1000L * Long.getLong("bench.warmup", 3));
        List<ProcessTree> trees = new ArrayList<>();
        instances.forEach(i -> trees.add(i.processes()));
        TreeSampler sampler = new TreeSampler(trees);
        assertEquals(n, sampler.sample().trees().stream().filter(t -> t.processes() > 0).count());

        // One full sample, back to back, after a warm-up.
        for (int i = 0; i < 200; i++) {
          sampler.sample();
        }
        long[] took = new long[500];
        for (int i = 0; i < took.length; i++) {
          long t = System.nanoTime();
          sampler.sample();
          took[i] = System.nanoTime() - t;
        }
        Arrays.sort(took);
        int processes = ProcessTable.snapshot().all().size();

        // The harness's CPU % with and without sampling every 100 ms, in alternating halves.
        double idle = cpuPercent(seconds, null, sampler, null);
        double[] samplerThread = new double[1];
        double sampling = cpuPercent(seconds, Duration.ofMillis(100), sampler, samplerThread);
        System.out.printf(Locale.ROOT,
            "BENCH sampler: %d %s trees, %d processes on the host; one sample: median %.2f ms,"
                + " p90 %.2f ms, p99 %.2f ms; harness CPU over %d s: %.2f %% sampling every 100 ms,"
                + " %.2f %% without; sampler cost %.2f %% of one core; the sampler thread alone %.2f %%%n",
            n, workload, processes, took[250] / 1e6, took[450] / 1e6, took[495] / 1e6, seconds,
            sampling, idle, sampling - idle, samplerThread[0]);
      } finally {
        instances.forEach(Instance::beginStop);
        instances.forEach(Instance::close);
      }
    }
  }

  /** The JVM's CPU % over the period; with an interval, the sampler thread's own % in {@code thread}. */
  private static double cpuPercent(long seconds, Duration interval, TreeSampler sampler, double[] thread)
      throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    if (interval == null) {
      Thread.sleep(seconds * 1000);
    } else {
      var threads = ManagementFactory.getThreadMXBean();
      long[] first = {-1};
      long[] last = {-1};
      // The sink runs on the sampler's thread: its CPU clock there is the sampler's own cost.
      try (PeriodicSampler ps =
          new PeriodicSampler(sampler, interval, s -> {
            last[0] = threads.getCurrentThreadCpuTime();
            if (first[0] < 0) {
              first[0] = last[0];
            }
          }).start()) {
        Thread.sleep(seconds * 1000);
      }
      thread[0] = 100.0 * (last[0] - first[0]) / (seconds * 1e9);
    }
    return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
  }
}
