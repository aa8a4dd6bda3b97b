package io.sandbench.probe;

import io.sandbench.runtime.Instance;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * One instance under probe: when it was launched, when its first HTTP 200 arrived, or why it
 * never did. Times are System.nanoTime() values.
 */
public final class Watch {
  private static final int TAIL_LINES = 5;
  private final Instance instance;
  private final long launchedAt;
  private final long deadline;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long readyAt;
  private volatile String failure;
  private int attempts;
  private Runnable onDone = () -> {};
  SocketChannel inFlight;
  long inFlightSince;

  Watch(Instance instance, long launchedAt, long deadline) {
    this.instance = instance;
    this.launchedAt = launchedAt;
    this.deadline = deadline;
  }

  public Instance instance() {
    return instance;
  }

  /** When the instance was launched: the runtime's own reading where it has a later one. */
  public long launchedAt() {
    return instance.launchedAtNanos().orElse(launchedAt);
  }

  long deadline() {
    return deadline;
  }

  /** Nanoseconds from launch to the first 200; only when {@link #succeeded()}. */
  public long readyAfterNanos() {
    return readyAt - launchedAt();
  }

  public boolean succeeded() {
    return readyAt != 0;
  }

  /** Why the instance never answered 200, or null. */
  public String failure() {
    return failure;
  }

  /** How many connections the probe opened before the 200 (or the failure). */
  public synchronized int attempts() {
    return attempts;
  }

  synchronized void countAttempt() {
    attempts++;
  }

  synchronized void attempts(int n) {
    attempts = n;
  }

  /** Why the instance can no longer answer (it exited, or its deadline passed), else null. */
  String goneReason(long now) {
    OptionalInt exit = instance.exitCode();
    if (exit.isPresent()) {
      return "exited with code " + exit.getAsInt() + " before answering" + tail();
    }
    if (now - deadline > 0) {
      return "no HTTP 200 within "
          + Duration.ofNanos(deadline - launchedAt).toMillis()
          + " ms after launch"
          + tail();
    }
    return null;
  }

  private String tail() {
    String t = instance.outputTail(TAIL_LINES).strip();
    return t.isEmpty() ? " (no output)" : "; last output: " + t.replace('\n', '|');
  }

  boolean isDone() {
    return done.getCount() == 0;
  }

  /** Runs {@code r} once the watch has its 200 or its failure (set before probing starts). */
  void whenDone(Runnable r) {
    onDone = r;
  }

  void ready(long now) {
    synchronized (this) {
      if (isDone()) {
        return;
      }
      readyAt = Math.max(now, launchedAt + 1);
      done.countDown();
    }
    onDone.run();
  }

  void fail(String why) {
    synchronized (this) {
      if (isDone()) {
        return;
      }
      failure = why;
      done.countDown();
    }
    onDone.run();
  }

  void await() throws InterruptedException {
    done.await();
  }
}
