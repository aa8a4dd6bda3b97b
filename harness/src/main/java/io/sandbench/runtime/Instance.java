package io.sandbench.runtime;

import io.sandbench.proc.ProcessTree;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One launched copy of the workload inside a runtime. */
public interface Instance extends AutoCloseable {
  int id();

  /** Where the probe and the load client go. */
  URI endpoint();

  /** All host processes that belong to this instance (the runtime's own included). */
  ProcessTree processes();

  /** Guest-side boot markers, where the runtime has them. */
  default Optional<BootTimeline> timeline() {
    return Optional.empty();
  }

  /**
   * System.nanoTime() when its first process was really launched, where that is later than the
   * caller's clock reading before {@code launch} (the native helper queues launches and says when
   * each one ran); empty where the caller's reading is the launch time.
   */
  default OptionalLong launchedAtNanos() {
    return OptionalLong.empty();
  }

  /** The exit code once the instance's main process has ended; empty while it runs. */
  OptionalInt exitCode();

  /** The last {@code lines} lines the instance printed, for failure reasons. */
  String outputTail(int lines);

  /**
   * Starts stopping without waiting (e.g. SIGKILL sent), so that many instances stop at once;
   * {@link #close()} then waits. Does nothing where a driver has no faster way.
   */
  default void beginStop() {}

  /** Stops the instance and everything it started. Idempotent; never throws. */
  @Override
  void close();
}
