package io.sandbench.measure;

import io.sandbench.proc.PeriodicSampler;
import io.sandbench.proc.TreeSample;
import io.sandbench.proc.TreeSampler;
import io.sandbench.proc.TreeUsage;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * CPU % and RSS of one instance's process tree over time, the article's load figure done properly:
 * sampled from the moment of launch (the start-up spike shows), through an idle period, a load
 * phase (webc: one connection, closed loop, a delay between requests) and a quiet period after.
 */
public final class LoadExperiment {
  private static final double CLIENT_START_STOP_SECONDS = 1.0;

  /** What to run: sampling interval, phase lengths, and webc's delay between requests. */
  public record Plan(Duration interval, Duration idle, Duration load, Duration after, int delayMillis) {}

  private final Plan plan;
  private final Consumer<String> progress;

  public LoadExperiment(Plan plan, Consumer<String> progress) {
    this.plan = plan;
    this.progress = progress;
  }

  /** Runs the phases on a prepared runtime; the instance is stopped before this returns or throws. */
  public LoadResult run(Prepared prepared, String runtimeName) {
    List<TreeSample> raw = new CopyOnWriteArrayList<>();
    long launchNanos;
    long readyNanos;
    long idleEndNanos;
    long loadEndNanos;
    long endNanos;
    long harnessCpuIdleNanos;
    WebcResult load;
    // The sampler's baseline is taken before the launch: the whole start-up counts.
    try (TreeSampler sampler = new TreeSampler();
        PeriodicSampler periodic = new PeriodicSampler(sampler, plan.interval(), raw::add)) {
      periodic.start();
      launchNanos = System.nanoTime();
      Instance instance = prepared.launch(0);
      try {
        // A detached runtime's processes change as it starts (runc's starter exits, the
        // container's init stays): ask the instance again all along, not once at launch.
        Runnable refollow =
            () -> sampler.follow(List.of(instance.processes()), prepared.sharedProcesses());
        refollow.run();
        readyNanos = InstancesReady.await(List.of(instance), launchNanos);
        refollow.run();
        progress.accept(
            String.format("%s: answering after %d ms; idle for %d s",
                runtimeName, (readyNanos - launchNanos) / 1_000_000, plan.idle().toSeconds()));
        long cpuBefore = harnessCpuNanos();
        sleepFollowing(plan.idle(), refollow);
        idleEndNanos = System.nanoTime();
        harnessCpuIdleNanos = harnessCpuNanos() - cpuBefore;
        progress.accept(String.format("%s: load for %d s (webc, one connection, %d ms delay)",
            runtimeName, plan.load().toSeconds(), plan.delayMillis()));
        refollow.run();
        try (WebcRun webc = WebcRun.start(instance.endpoint(), plan.load(), plan.delayMillis())) {
          load = webc.await();
        }
        loadEndNanos = System.nanoTime();
        refollow.run();
        sleepFollowing(plan.after(), refollow);
        endNanos = System.nanoTime();
      } finally {
        instance.close();
      }
    }
    long loadStartNanos = idleEndNanos; // the load phase: from webc's start to its exit
    List<LoadPhase> phases =
        List.of(
            new LoadPhase(LoadPhase.STARTUP, 0, seconds(readyNanos - launchNanos)),
            new LoadPhase(LoadPhase.IDLE, seconds(readyNanos - launchNanos), seconds(loadStartNanos - launchNanos)),
            new LoadPhase(LoadPhase.LOAD, seconds(loadStartNanos - launchNanos), seconds(loadEndNanos - launchNanos)),
            new LoadPhase(LoadPhase.AFTER, seconds(loadEndNanos - launchNanos), seconds(endNanos - launchNanos)));
    List<LoadSample> samples = new ArrayList<>();
    for (TreeSample s : raw) {
      double t = seconds(s.nanos() - launchNanos);
      if (t < 0 || t > seconds(endNanos - launchNanos)) {
        continue; // before the launch call, or after the run ended
      }
      TreeUsage u = s.total();
      samples.add(new LoadSample(t, phaseAt(phases, t), u.cpuPercent(), u.rssBytes(), u.processes()));
    }
    double harnessPercent = 100.0 * harnessCpuIdleNanos / Math.max(1, idleEndNanos - readyNanos);
    return new LoadResult(
        runtimeName, samples, phases, summarize(samples, readyNanos - launchNanos, harnessPercent, load));
  }

  static LoadSummary summarize(List<LoadSample> samples, long startupNanos, double harnessPercent, WebcResult load) {
    return new LoadSummary(
        startupNanos / 1_000_000,
        meanCpu(samples, LoadPhase.IDLE),
        meanCpuInside(samples, LoadPhase.LOAD, CLIENT_START_STOP_SECONDS),
        meanCpu(samples, LoadPhase.AFTER),
        (long) samples.stream().filter(s -> s.phase().equals(LoadPhase.IDLE))
            .mapToLong(LoadSample::rssBytes).average().orElse(0),
        (long) samples.stream().filter(s -> s.phase().equals(LoadPhase.LOAD))
            .mapToLong(LoadSample::rssBytes).average().orElse(0),
        samples.stream().mapToLong(LoadSample::rssBytes).max().orElse(0),
        harnessPercent,
        load);
  }

  /**
   * The mean over a phase less its first and last {@code margin} seconds: the load client's JVM
   * takes a moment to start sending and to exit, and the phase runs from its start to its exit.
   * The whole phase when it is too short for that.
   */
  private static double meanCpuInside(List<LoadSample> samples, String phase, double margin) {
    double from = Double.MAX_VALUE;
    double to = -Double.MAX_VALUE;
    for (LoadSample s : samples) {
      if (s.phase().equals(phase)) {
        from = Math.min(from, s.seconds());
        to = Math.max(to, s.seconds());
      }
    }
    double lo = from + margin;
    double hi = to - margin;
    if (hi - lo < margin) {
      return meanCpu(samples, phase);
    }
    return samples.stream()
        .filter(s -> s.phase().equals(phase) && s.seconds() > lo && s.seconds() <= hi)
        .mapToDouble(LoadSample::cpuPercent).average().orElse(Double.NaN);
  }

  private static double meanCpu(List<LoadSample> samples, String phase) {
    return samples.stream().filter(s -> s.phase().equals(phase))
        .mapToDouble(LoadSample::cpuPercent).average().orElse(Double.NaN);
  }

  private static String phaseAt(List<LoadPhase> phases, double t) {
    for (LoadPhase p : phases) {
      if (p.holds(t)) {
        return p.name();
      }
    }
    return phases.get(0).name();
  }

  /** CPU time of the whole harness JVM (sampler, GC, JIT), for its own cost. */
  /** The same reading as the startup experiment's (getProcessCpuTime counts in 10 ms ticks). */
  private static long harnessCpuNanos() {
    return HarnessCpu.nanos();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Sleeps, asking the instance for its processes again every 100 ms. */
  private static void sleepFollowing(Duration d, Runnable refollow) {
    long until = System.nanoTime() + d.toNanos();
    for (long left = d.toNanos(); left > 0; left = until - System.nanoTime()) {
      sleep(Duration.ofNanos(Math.min(left, 100_000_000L)));
      refollow.run();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
