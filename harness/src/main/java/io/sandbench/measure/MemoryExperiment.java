package io.sandbench.measure;

import io.sandbench.proc.ProcessMemory;
import io.sandbench.proc.ProcessTable;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Idle memory, the article's way and better: instances are started in a ramp (1, 2, 4, 8, ... and
 * one more than the largest count), each step waits until they answer and go idle, then every
 * process of every instance tree is measured (VmSize, VmRSS, USS, PSS, RSS), shared daemons apart.
 * The ramp gives the marginal cost of one instance by subtraction and by least squares.
 */
public final class MemoryExperiment {
  private static final double MIB = 1024.0 * 1024.0;

  private final List<Integer> counts;
  private final Duration settle;
  private final Consumer<String> progress;

  /**
   * @param counts instance counts to measure, each at least 1 (sorted and deduplicated here)
   * @param settle the longest wait for the instances to go idle at each step
   */
  public MemoryExperiment(List<Integer> counts, Duration settle, Consumer<String> progress) {
    if (counts.isEmpty() || Collections.min(counts) < 1) {
      throw new IllegalArgumentException("instance counts must be at least 1: " + counts);
    }
    this.counts = List.copyOf(new TreeSet<>(counts));
    this.settle = settle;
    this.progress = progress;
  }

  /** The counts the ramp measures: those asked, plus one more than the largest. */
  public List<Integer> ramp() {
    List<Integer> r = new ArrayList<>(counts);
    r.add(counts.get(counts.size() - 1) + 1);
    return r;
  }

  /**
   * Runs the ramp on a prepared runtime; every instance it launched is stopped before this returns
   * or throws (and on Ctrl-C, through the instances' own clean-up registrations).
   */
  public MemoryRun run(Prepared prepared, String runtimeName) {
    List<MemoryStep> steps = new ArrayList<>();
    List<Instance> running = new ArrayList<>();
    try {
      for (int target : ramp()) {
        List<Instance> launched = new ArrayList<>();
        long launchedAt = System.nanoTime();
        while (running.size() < target) {
          Instance i = prepared.launch(running.size());
          running.add(i);
          launched.add(i);
        }
        InstancesReady.await(launched, launchedAt);
        MemoryStep s = measure(prepared, running);
        steps.add(s);
        progress.accept(
            String.format(
                "%s: %d instance(s), %s, total USS %.1f MiB, PSS %.1f MiB, RSS %.1f MiB",
                runtimeName, target,
                s.settled() ? "idle after " + s.settleMillis() + " ms"
                    : "still busy after " + s.settleMillis() + " ms",
                s.total().uss() / MIB, s.total().pss() / MIB, s.total().rss() / MIB));
      }
    } finally {
      stopAll(running);
    }
    return new MemoryRun(runtimeName, steps, MarginalCost.of(steps));
  }

  /** Kills them all at once, then waits for each. */
  private static void stopAll(List<Instance> instances) {
    for (Instance i : instances) {
      i.beginStop();
    }
    for (Instance i : instances) {
      i.close();
    }
  }

  private MemoryStep measure(Prepared prepared, List<Instance> running) {
    List<ProcessTree> trees = new ArrayList<>();
    running.forEach(i -> trees.add(i.processes()));
    ProcessTree sharedTree = prepared.sharedProcesses();
    IdleSettle.Outcome idle = IdleSettle.await(trees, sharedTree, settle);

    ProcessTable table = ProcessTable.snapshot();
    Set<Long> sharedPids = sharedTree.pids(table, Set.of());
    List<InstanceMemory> perInstance = new ArrayList<>();
    for (Instance i : running) {
      List<ProcessMemory> rows = new ArrayList<>();
      for (long pid : i.processes().pids(table, sharedPids)) {
        ProcessMemory.read(pid).ifPresent(rows::add);
      }
      perInstance.add(new InstanceMemory(i.id(), rows));
    }
    List<ProcessMemory> shared = new ArrayList<>();
    for (long pid : sharedPids) {
      ProcessMemory.read(pid).ifPresent(shared::add);
    }
    return new MemoryStep(
        running.size(), idle.settled(), idle.millis(), idle.cpuPercentPerInstance(), perInstance,
        shared);
  }
}
