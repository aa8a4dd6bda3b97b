package io.sandbench.workload.webc;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One load run: opens every connection first (a target that cannot be reached is bad input),
 * starts one {@link LoadWorker} thread per connection, reports throughput every second, stops at
 * the duration, the request count, the first failure or {@link #requestStop()}, and gathers the
 * result. The calling thread ticks the seconds and watches for answers slower than the timeout.
 */
public final class LoadRun {
  private static final long SECOND = 1_000_000_000L;

  private final LoadOptions options;
  private final HttpTarget target;
  private final AtomicLong tickets;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final AtomicInteger running = new AtomicInteger();
  private final List<LoadWorker> workers = new ArrayList<>();
  private volatile boolean stopping;
  private volatile boolean stopRequested;
  private volatile Thread ticker;
  private long endNanos; // System.nanoTime() at which --duration ends; only with a duration

  public LoadRun(LoadOptions options, HttpTarget target) {
    this.options = options;
    this.target = target;
    this.tickets = new AtomicLong(options.requests > 0 ? options.requests : Long.MAX_VALUE);
  }

  /**
   * Runs the load; {@code progress} (may be null) gets a {@code TPS: n} line each second.
   *
   * @throws BadLoadInput when a connection cannot be opened at the start
   */
  public LoadResult execute(PrintWriter progress) throws BadLoadInput {
    ticker = Thread.currentThread();
    List<ClientConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < options.connections; i++) {
        ClientConnection c = new ClientConnection(target);
        try {
          c.connect();
        } catch (IOException e) {
          throw new BadLoadInput("cannot connect to " + target.where() + " (" + target.url()
              + "): " + e.getMessage() + " (is the server running and the URL right?)");
        }
        connections.add(c);
      }
      return drive(connections, progress);
    } finally {
      for (ClientConnection c : connections) {
        c.close();
      }
    }
  }

  private LoadResult drive(List<ClientConnection> connections, PrintWriter progress) {
    int n = connections.size();
    long start = System.nanoTime();
    if (options.durationNanos > 0) {
      endNanos = start + options.durationNanos;
    }
    double interval = options.openLoop() ? SECOND * n / options.rate : 0;
    for (int i = 0; i < n; i++) {
      // Open loop: connection i sends at start + i/rate + k*n/rate, spreading sends evenly.
      long first = start + (long) (i * SECOND / Math.max(options.rate, 1e-9));
      workers.add(new LoadWorker(this, connections.get(i), first, interval,
          options.delayMillis * 1_000_000L));
    }
    running.set(n);
    List<Thread> threads = new ArrayList<>();
    for (LoadWorker w : workers) {
      Thread t = new Thread(w, "webc-connection");
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    List<Long> perSecond = new ArrayList<>();
    long nextTick = start + SECOND;
    long counted = 0;
    while (running.get() > 0 && !stopRequested) {
      long now = System.nanoTime();
      if (now - nextTick >= 0) {
        long total = completed();
        perSecond.add(total - counted);
        if (progress != null) {
          progress.println("TPS: " + (total - counted));
          progress.flush();
        }
        counted = total;
        nextTick += SECOND;
      }
      if (pastEnd(now)) {
        break;
      }
      watchTimeouts(now);
      long wake = nextTick - now;
      if (options.durationNanos > 0) {
        wake = Math.min(wake, endNanos - now);
      }
      LockSupport.parkNanos(wake);
    }
    stop();
    awaitWorkers(threads);
    long end = System.nanoTime();
    LatencyHistogram latencies = new LatencyHistogram();
    for (LoadWorker w : workers) {
      latencies.add(w.latencies);
    }
    return new LoadResult(target.url(), options, completed(), errors.get(), end - start,
        latencies, perSecond, failure.get(), stopRequested);
  }

  /** Answers in flight longer than the timeout fail the run; their connections are closed. */
  private void watchTimeouts(long now) {
    for (LoadWorker w : workers) {
      if (w.waitingFor(now) > options.timeoutNanos) {
        fail("no answer from " + target.where() + " within "
            + options.timeoutNanos / 1_000_000 + " ms");
        w.abort();
      }
    }
  }

  private void awaitWorkers(List<Thread> threads) {
    long deadline = System.nanoTime() + options.timeoutNanos;
    for (Thread t : threads) {
      try {
        long left = deadline - System.nanoTime();
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (LoadWorker w : workers) {
      w.abort(); // any still stuck in a read: its socket closes under it
    }
    for (Thread t : threads) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long completed() {
    long sum = 0;
    for (LoadWorker w : workers) {
      sum += w.completed();
    }
    return sum;
  }

  /** Ends the run early (Ctrl-C): in-flight requests finish, then the result is gathered. */
  public void requestStop() {
    stopRequested = true;
    stop();
    Thread t = ticker;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void stop() {
    stopping = true;
    for (LoadWorker w : workers) {
      Thread t = w.thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  // Called by the workers.

  boolean stopping() {
    return stopping;
  }

  boolean takeTicket() {
    return tickets.getAndDecrement() > 0;
  }

  boolean pastEnd(long nanos) {
    return options.durationNanos > 0 && nanos - endNanos >= 0;
  }

  void fail(String message) {
    errors.incrementAndGet();
    failure.compareAndSet(null, message);
    stop();
    LockSupport.unpark(ticker);
  }

  void workerEnded() {
    if (running.decrementAndGet() == 0) {
      LockSupport.unpark(ticker);
    }
  }

  String where() {
    return target.where();
  }

  String url() {
    return target.url();
  }
}
