package io.sandbench.probe;

import io.sandbench.exec.NativeHelper;
import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe run by the native helper: its attempts cost a few syscalls in C (for loopback, only
 * where sock_diag shows a listener) and it reports each 200 with the clock of System.nanoTime().
 * No Java thread ticks: the thread in {@link #awaitAll} wakes when the last watch is done, or every
 * {@value #SUPERVISE_MILLIS} ms to fail the instances that exited or passed their deadline (a wake
 * costs 20-80 us of CPU on a small VM, and only when a failure is noticed depends on it).
 */
final class HelperReadinessProbe implements ReadinessProbe {
  private static final long SUPERVISE_MILLIS = 50;
  private final NativeHelper helper;
  private final long intervalNanos;
  private final Map<Watch, Probed> probed = new ConcurrentHashMap<>();
  private final Object progress = new Object();
  private int open; // watches not done yet, guarded by progress

  HelperReadinessProbe(NativeHelper helper, Duration interval) {
    this.helper = helper;
    this.intervalNanos = interval.toNanos();
  }

  /** A watch and what the helper knows of it. */
  private static final class Probed implements NativeHelper.WatchEvents {
    final Watch watch;
    long wid;
    volatile String failure; // set when this side gave up; the helper's "dropped" applies it

    Probed(Watch watch) {
      this.watch = watch;
    }

    @Override
    public void ready(long atNanos, int attempts) {
      watch.attempts(attempts);
      watch.ready(atNanos);
    }

    @Override
    public void dropped(int attempts) {
      if (attempts >= 0) {
        watch.attempts(attempts);
      }
      String why = failure;
      watch.fail(why != null ? why : "the probe stopped: sandbench-helper exited");
    }
  }

  @Override
  public Watch watch(Instance instance, long launchedAt, long deadline) {
    Watch w = new Watch(instance, launchedAt, deadline);
    Probed p = new Probed(w);
    synchronized (progress) {
      open++;
    }
    w.whenDone(this::oneDone);
    URI uri = instance.endpoint();
    try {
      String address = InetAddress.getByName(uri.getHost()).getHostAddress();
      int port = uri.getPort() < 0 ? 80 : uri.getPort();
      probed.put(w, p);
      p.wid = helper.watch(address, port, ReadinessProbe.request(uri), intervalNanos, p);
    } catch (IOException e) {
      probed.remove(w);
      w.fail("cannot probe " + uri + ": " + e.getMessage());
    }
    return w;
  }

  private void oneDone() {
    synchronized (progress) {
      if (--open == 0) {
        progress.notifyAll();
      }
    }
  }

  @Override
  public void awaitAll(List<Watch> watches) throws InterruptedException {
    while (true) {
      boolean allDone = true;
      long now = System.nanoTime();
      for (Watch w : watches) {
        if (!w.isDone()) {
          allDone = false;
          giveUpIfGone(w, now);
        }
      }
      if (allDone) {
        return;
      }
      synchronized (progress) {
        if (open > 0) {
          progress.wait(SUPERVISE_MILLIS);
        }
      }
    }
  }

  /** An instance that exited or passed its deadline is unwatched; "dropped" then fails it. */
  private void giveUpIfGone(Watch w, long now) {
    Probed p = probed.get(w);
    if (p == null || p.failure != null) {
      return;
    }
    String why = w.goneReason(now);
    if (why != null) {
      p.failure = why;
      helper.unwatch(p.wid);
    }
  }

  @Override
  public void close() {
    for (Probed p : probed.values()) {
      if (!p.watch.isDone() && p.failure == null) {
        p.failure = "the probe was closed before an answer";
        helper.unwatch(p.wid);
      }
    }
  }
}
