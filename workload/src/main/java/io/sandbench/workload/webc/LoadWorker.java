package io.sandbench.workload.webc;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection's loop, on its own thread: a closed loop (send, await the answer, pause, again) or
 * an open loop (send at scheduled times; latency counts from the scheduled time, so a slow answer
 * that delays the next sends is charged to those sends too: no coordinated omission).
 */
final class LoadWorker implements Runnable {
  private final LoadRun run;
  private final ClientConnection connection;
  private final long firstSendNanos; // open loop: this connection's first scheduled send
  private final double intervalNanos; // open loop: between this connection's sends; 0 = closed
  private final long pauseNanos; // closed loop: after each answer

  /** Latencies in ns; read by the run only after this worker's thread has ended. */
  final LatencyHistogram latencies = new LatencyHistogram();

  private volatile long completed;
  private volatile long waitingSince; // System.nanoTime() of the send in flight, 0 when none
  volatile Thread thread;

  LoadWorker(LoadRun run, ClientConnection connection, long firstSendNanos, double intervalNanos,
      long pauseNanos) {
    this.run = run;
    this.connection = connection;
    this.firstSendNanos = firstSendNanos;
    this.intervalNanos = intervalNanos;
    this.pauseNanos = pauseNanos;
  }

  long completed() {
    return completed;
  }

  /** How long the request in flight has waited for its answer at {@code now}, 0 if none. */
  long waitingFor(long now) {
    long since = waitingSince;
    return since == 0 ? 0 : now - since;
  }

  void abort() {
    connection.abort();
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      if (intervalNanos > 0) {
        openLoop();
      } else {
        closedLoop();
      }
    } catch (IOException e) {
      if (!run.stopping()) {
        run.fail("request to " + run.where() + " failed: " + describe(e));
      }
    } finally {
      connection.close();
      run.workerEnded();
    }
  }

  private void closedLoop() throws IOException {
    while (!run.stopping() && run.takeTicket()) {
      long sent = System.nanoTime();
      waitingSince = sent;
      int status = connection.exchange();
      long answered = System.nanoTime();
      waitingSince = 0;
      if (!answered(status, answered - sent)) {
        return;
      }
      if (pauseNanos > 0) {
        pauseUntil(answered + pauseNanos);
      }
    }
  }

  private void openLoop() throws IOException {
    for (long k = 0; !run.stopping() && run.takeTicket(); k++) {
      long scheduled = firstSendNanos + (long) (k * intervalNanos);
      if (run.pastEnd(scheduled)) {
        return;
      }
      if (!pauseUntil(scheduled)) {
        return;
      }
      waitingSince = System.nanoTime();
      int status = connection.exchange();
      long answered = System.nanoTime();
      waitingSince = 0;
      if (!answered(status, answered - scheduled)) {
        return;
      }
    }
  }

  private boolean answered(int status, long latencyNanos) {
    if (status < 200 || status > 299) {
      run.fail("request to " + run.url() + " answered HTTP " + status);
      return false;
    }
    latencies.record(latencyNanos);
    completed++; // only this thread writes it
    return true;
  }

  /** Sleeps until {@code deadline}; false if the run stopped meanwhile (it unparks us). */
  private boolean pauseUntil(long deadline) {
    long now;
    while ((now = System.nanoTime()) < deadline) {
      if (run.stopping()) {
        return false;
      }
      LockSupport.parkNanos(deadline - now);
    }
    return !run.stopping();
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
