package io.sandbench.probe;

import io.sandbench.runtime.Instance;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;

/**
 * One instance under probe: when it was launched, when its first HTTP 200 arrived, or why it
 * never did. Times are System.nanoTime() values.
 */
public final class Watch {
  private final Instance instance;
  private final long launchedAt;
  private final long deadline;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long readyAt;
  private volatile String failure;
  private int attempts;
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

  public long launchedAt() {
    return launchedAt;
  }

  long deadline() {
    return deadline;
  }

  /** Nanoseconds from launch to the first 200; only when {@link #succeeded()}. */
  public long readyAfterNanos() {
    return readyAt - launchedAt;
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

  boolean isDone() {
    return done.getCount() == 0;
  }

  synchronized void ready(long now) {
    if (!isDone()) {
      readyAt = Math.max(now, launchedAt + 1);
      done.countDown();
    }
  }

  synchronized void fail(String why) {
    if (!isDone()) {
      failure = why;
      done.countDown();
    }
  }

  void await() throws InterruptedException {
    done.await();
  }
}
