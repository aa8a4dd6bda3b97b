package io.sandbench.proc;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link TreeSampler} every interval on one daemon thread, at a fixed rate (a late sample
 * does not shift the ones after it), and hands each sample to a consumer. {@link #close()} stops it
 * and waits for the sample in progress.
 */
public final class PeriodicSampler implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  public PeriodicSampler(TreeSampler sampler, Duration interval, Consumer<TreeSample> sink) {
    long step = interval.toNanos();
    thread =
        new Thread(
            () -> {
              long next = System.nanoTime() + step;
              while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                  continue;
                }
                try {
                  sink.accept(sampler.sample());
                } catch (RuntimeException e) {
                  failure = e;
                  return;
                }
                next += step;
                long now = System.nanoTime();
                if (next < now) {
                  next = now + step; // fell behind (machine busy): skip, do not burst
                }
              }
            },
            "sandbench-sampler");
    thread.setDaemon(true);
  }

  public PeriodicSampler start() {
    thread.start();
    return this;
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new IllegalStateException("sampling failed: " + failure.getMessage(), failure);
    }
  }
}
