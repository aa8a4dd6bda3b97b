package io.sandbench.measure;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.NativeHelper;
import io.sandbench.exec.OwnerMark;
import io.sandbench.probe.ReadinessProbe;
import io.sandbench.probe.Watch;
import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.StartupSample;
import io.sandbench.runtime.BootTimeline;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.scenario.Stagger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The article's startup experiment: for every (instances, stagger), each iteration launches
 * instances 0..N-1 from this one process with the stagger between launches, times each from just
 * before its launch to its first HTTP 200, stops them all, runs the clean-up command and cools
 * down. An instance that exits or never answers is a recorded failure; the run goes on.
 */
public final class StartupExperiment {
  private static final Duration CLEANUP_DEADLINE = Duration.ofSeconds(60);
  private final Prepared prepared;
  private final StartupPlan plan;
  private final StartupListener listener;
  private long launches;

  public StartupExperiment(Prepared prepared, StartupPlan plan, StartupListener listener) {
    this.prepared = prepared;
    this.plan = plan;
    this.listener = listener;
  }

  public List<StartupConfiguration> run() throws InterruptedException {
    NativeHelper.get(); // started now, not inside the first measured launch
    List<StartupConfiguration> out = new ArrayList<>();
    boolean first = true;
    for (int n : plan.instances()) {
      for (Stagger stagger : plan.staggers()) {
        listener.configurationStarted(n, stagger.toString());
        List<StartupIteration> iterations = new ArrayList<>();
        int total = plan.warmup() + plan.iterations();
        for (int i = 0; i < total; i++) {
          if (!first) {
            Thread.sleep(plan.cooldown().toMillis());
          }
          first = false;
          boolean warmup = i < plan.warmup();
          int index = warmup ? i + 1 : i - plan.warmup() + 1;
          StartupIteration it = iteration(index, warmup, n, stagger);
          iterations.add(it);
          listener.iterationDone(n, stagger.toString(), it);
        }
        StartupConfiguration c = new StartupConfiguration(n, stagger.toString(), iterations);
        listener.configurationDone(c);
        out.add(c);
      }
    }
    return out;
  }

  private StartupIteration iteration(int index, boolean warmup, int n, Stagger stagger)
      throws InterruptedException {
    runCleanup();
    checkPortsFree(n);
    List<Instance> instances = new ArrayList<>(n);
    List<Watch> watches = new ArrayList<>(n);
    long cpuBefore = HarnessCpu.nanos();
    long start = System.nanoTime();
    try (ReadinessProbe probe = ReadinessProbe.open(plan.probeInterval())) {
      try {
        for (int id = 0; id < n; id++) {
          long launchedAt = System.nanoTime();
          Instance inst = prepared.launch(id);
          instances.add(inst);
          watches.add(probe.watch(inst, launchedAt, launchedAt + plan.timeout().toNanos()));
          listener.launched(++launches);
          if (id < n - 1) {
            stagger.pauseAfter(launchedAt);
            paceHelper(stagger);
          }
        }
        probe.awaitAll(watches);
        long cpu = HarnessCpu.nanos() - cpuBefore;
        List<StartupSample> samples = new ArrayList<>(n);
        for (Watch w : watches) {
          samples.add(
              new StartupSample(
                  w.instance().id(),
                  (w.launchedAt() - start) / 1000,
                  w.succeeded() ? w.readyAfterNanos() / 1000 : null,
                  w.attempts(),
                  w.failure(),
                  w.instance().timeline().map(BootTimeline::marks).orElse(null)));
        }
        return new StartupIteration(index, warmup, cpu / 1000 / n, samples);
      } finally {
        stopAll(instances);
      }
    }
  }

  /**
   * Launches queue in the native helper: the stagger also belongs to its launching thread (a yield
   * there; a duration counted from its last real launch), so that it holds between real launches.
   */
  private static void paceHelper(Stagger stagger) {
    switch (stagger.kind()) {
      case NONE -> {}
      case YIELD -> NativeHelper.get().ifPresent(NativeHelper::yieldBetweenLaunches);
      case DELAY -> NativeHelper.get().ifPresent(h -> h.gapBeforeNextLaunch(stagger.delay().toNanos()));
    }
  }

  /** Kills every instance at once, then waits for each: 64 sequential graceful stops would crawl. */
  private static void stopAll(List<Instance> instances) {
    for (Instance i : instances) {
      i.beginStop();
    }
    for (Instance i : instances) {
      i.close();
    }
  }

  private void runCleanup() {
    if (plan.cleanup() == null) {
      return;
    }
    CommandResult r =
        ExternalCommand.run(
            plan.cleanup().fill(Map.of()), CLEANUP_DEADLINE, OwnerMark.environment(), null);
    if (r.timedOut() || r.exitCode() == CommandResult.NOT_STARTED) {
      throw new UserError("--cleanup: " + r.describe());
    }
  }

  /**
   * On loopback, a port some other server already holds would answer the probe in our
   * instance's place: refuse to measure that.
   */
  private void checkPortsFree(int n) {
    String network = prepared.facts().getOrDefault("network", "host");
    String bind = prepared.facts().get("bind");
    if (!network.equals("host") || bind == null || !bind.startsWith("127.")) {
      return;
    }
    int base = Integer.parseInt(prepared.facts().getOrDefault("basePort", "-1"));
    if (base < 0) {
      return;
    }
    for (int id = 0; id < n; id++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(bind, base + id), 200);
        throw new UserError(
            "port "
                + (base + id)
                + " on "
                + bind
                + " is already in use by another program; choose free ports with --base-port");
      } catch (IOException expected) {
        // Refused: free, as it should be.
      }
    }
  }
}
