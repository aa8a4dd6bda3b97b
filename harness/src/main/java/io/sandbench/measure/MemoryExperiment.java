package io.sandbench.measure;

import io.sandbench.exec.Cleanups;
import io.sandbench.proc.ProcessMemory;
import io.sandbench.proc.ProcessTable;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
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
  private static final Duration READY_DEADLINE = Duration.ofSeconds(60);

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

  /** Runs the ramp on one runtime; every instance is closed before this returns or throws. */
  public MemoryRun run(Runtime runtime, Setup setup) {
    List<MemoryStep> steps = new ArrayList<>();
    try (Prepared prepared = runtime.prepare(setup);
        Cleanups.Registration preparedReg = Cleanups.register(runtime.name() + " setup", prepared)) {
      List<Instance> running = new ArrayList<>();
      List<Cleanups.Registration> registrations = new ArrayList<>();
      try {
        for (int target : ramp()) {
          List<Instance> launched = new ArrayList<>();
          while (running.size() < target) {
            Instance i = prepared.launch(running.size());
            running.add(i);
            launched.add(i);
            registrations.add(Cleanups.register(runtime.name() + " instance " + i.id(), i));
          }
          for (Instance i : launched) {
            FirstOk.await(i, READY_DEADLINE);
          }
          steps.add(measure(prepared, running));
          MemoryStep s = steps.get(steps.size() - 1);
          progress.accept(
              String.format(
                  "%s: %d instance(s), %s, total PSS %.1f MiB",
                  runtime.name(), target,
                  s.settled() ? "idle after " + s.settleMillis() + " ms"
                      : "not idle after " + s.settleMillis() + " ms",
                  s.total().pss() / (1 << 20)));
        }
      } finally {
        // Newest first; each registration closes its instance once.
        for (int k = registrations.size() - 1; k >= 0; k--) {
          registrations.get(k).close();
        }
      }
    }
    return new MemoryRun(runtime.name(), steps, MarginalCost.of(steps));
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
