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
    List<ProcessHandle> all = killTreeNow(root, ProcessSnapshot.fresh());
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

  /**
   * Sends SIGKILL to the process and its descendants without waiting; returns them. The
   * descendants come from one /proc snapshot shared by the calls of the next 100 ms: stopping 1024
   * instances one by one would otherwise read all of /proc 1024 times. A root already gone has no
   * descendants left to find (they were reparented), so it costs nothing.
   */
  public static List<ProcessHandle> killTreeNow(ProcessHandle root) {
    return root.isAlive() ? killTreeNow(root, ProcessSnapshot.current()) : new ArrayList<>();
  }

  /**
   * Like {@link #killTreeNow(ProcessHandle)} but from a /proc snapshot taken now: a lone stop must
   * not miss a child forked since the last burst's snapshot.
   */
  static List<ProcessHandle> killTreeNowFresh(ProcessHandle root) {
    return root.isAlive() ? killTreeNow(root, ProcessSnapshot.fresh()) : new ArrayList<>();
  }

  private static List<ProcessHandle> killTreeNow(ProcessHandle root, ProcessSnapshot snapshot) {
    List<ProcessHandle> all = new ArrayList<>();
    if (!root.isAlive()) {
      return all;
    }
    all.add(root);
    // Descendants first: once the root dies its children are reparented and lost.
    snapshot.descendantsOf(root.pid()).forEach(
        pid -> ProcessHandle.of(pid).ifPresent(all::add));
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    return all;
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
