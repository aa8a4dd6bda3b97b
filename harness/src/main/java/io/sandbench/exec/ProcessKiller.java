package io.sandbench.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends whole process trees with SIGKILL: SIGTERM is not enough (PID 1 in a container ignores it). */
public final class ProcessKiller {
  private ProcessKiller() {}

  /** Kills the process and every descendant, then waits up to {@code wait} for them to go. */
  public static void killTree(ProcessHandle root, Duration wait) {
    // Snapshot descendants first: once the root dies its children are reparented and lost.
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.descendants().forEach(all::add);
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    long until = System.nanoTime() + wait.toNanos();
    for (ProcessHandle p : all) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        // Still there after the wait, or not ours to wait for: nothing more can be done here.
      }
    }
  }

  public static void killTree(Process process, Duration wait) {
    killTree(process.toHandle(), wait);
    try {
      process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
