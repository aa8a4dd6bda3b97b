package io.sandbench.exec;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child the native helper launched. Its pid, or why it could not start, arrives with the
 * helper's events; the helper reaps it and reports its exit. A kill is sent only while no exit was
 * reported: a pid is free for reuse only after the reap, and the report follows the reap within
 * microseconds, far too soon for the kernel to hand that pid out again.
 */
final class HelperChild implements Child {
  /** Exit code of a child whose exec failed, as a shell reports it. */
  static final int NOT_STARTED = 127;
  private static final Duration PID_WAIT = Duration.ofSeconds(35);
  private final String program;
  private final NativeHelper helper;
  private final long askedAt = System.nanoTime();
  private final CompletableFuture<Long> pid = new CompletableFuture<>();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile long startedAt;
  private volatile String startFailure;

  HelperChild(String program, NativeHelper helper) {
    this.program = program;
    this.helper = helper;
  }

  long askedAt() {
    return askedAt;
  }

  void started(long pid, long atNanos) {
    startedAt = atNanos;
    this.pid.complete(pid);
  }

  void failed(String why) {
    startFailure = "Cannot run program \"" + program + "\": " + why;
    pid.complete(-1L);
    exit.complete(NOT_STARTED);
  }

  void exited(int code) {
    exit.complete(code);
  }

  @Override
  public String startFailure() {
    return startFailure;
  }

  /** Waits for the helper's word on the launch (sent within milliseconds); -1 if it never ran. */
  @Override
  public long pid() {
    try {
      return pid.get(PID_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      return -1;
    }
  }

  /** When the helper launched it (requests wait their turn there), on System.nanoTime's clock. */
  @Override
  public OptionalLong startedAtNanos() {
    return pid() > 0 ? OptionalLong.of(startedAt) : OptionalLong.empty();
  }

  @Override
  public OptionalInt exitCode() {
    if (exit.isDone()) {
      return OptionalInt.of(exit.join());
    }
    if (!helper.isAlive() && pid.isDone()) {
      long p = pid.join();
      if (ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true)) {
        return OptionalInt.of(-1); // gone, but nobody is left to say how: the helper was killed
      }
    }
    return OptionalInt.empty();
  }

  @Override
  public void killTreeNow() {
    toKill().ifPresent(ProcessKiller::killTreeNow);
  }

  @Override
  public void killTree(Duration wait) {
    toKill().ifPresent(ProcessKiller::killTreeNowFresh);
    awaitExit(wait);
  }

  /** It, while it runs and no exit was reported (after that its pid may be someone else's). */
  private Optional<ProcessHandle> toKill() {
    long p = pid();
    return p > 0 && !exit.isDone() ? ProcessHandle.of(p) : Optional.empty();
  }

  @Override
  public void awaitExit(Duration wait) {
    try {
      exit.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Still there after the wait (or the helper is gone): nothing more can be done here.
    }
  }
}
