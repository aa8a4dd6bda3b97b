package io.sandbench.exec;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** A child the JDK launched ({@link ProcessBuilder}): the fallback when the helper is not there. */
final class JdkChild implements Child {
  private final Process process;

  JdkChild(Process process) {
    this.process = process;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  @Override
  public void killTreeNow() {
    ProcessKiller.killTreeNow(process.toHandle());
  }

  @Override
  public void killTree(Duration wait) {
    ProcessKiller.killTree(process, wait);
  }

  @Override
  public void awaitExit(Duration wait) {
    try {
      process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
