package io.sandbench.exec;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A process sandbench launched and owns, however it was launched (by the native helper or by the JDK: see {@link LaunchedProcess}). */
interface Child {
  long pid();

  /** The exit code once it has exited (128 + signal when killed), else empty. */
  OptionalInt exitCode();

  /** When it was really launched, if later than the caller asked (a queued launch), else empty. */
  default OptionalLong startedAtNanos() {
    return OptionalLong.empty();
  }

  /** Why it never ran (its exec failed after the launch was accepted), or null. */
  default String startFailure() {
    return null;
  }

  /** SIGKILL to it and every descendant, without waiting. */
  void killTreeNow();

  /**
   * SIGKILL to it and every descendant (found in /proc now), then waits up to {@code wait} for it
   * to be gone.
   */
  void killTree(Duration wait);

  /** Waits up to {@code wait} for it to be gone (after {@link #killTreeNow()}). */
  void awaitExit(Duration wait);
}
