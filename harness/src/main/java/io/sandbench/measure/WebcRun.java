package io.sandbench.measure;

import io.sandbench.exec.Cleanups;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.ProcessKiller;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load client as its own process (the article's {@code webc URL 1}: one connection, closed
 * loop, a delay between requests), so its CPU is neither the harness's nor the instance's. Run with
 * the harness's own JVM and class path, which carry the workload classes. Killed, whole tree, if it
 * outlives its deadline.
 */
final class WebcRun implements AutoCloseable {
  static final String MAIN_CLASS = "io.sandbench.workload.webc.Webc";
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final Process process;
  private final Path output;
  private final Path errors;
  private final long deadlineNanos;
  private final Cleanups.Registration registration;

  private WebcRun(Process process, Path output, Path errors, long deadlineNanos) {
    this.process = process;
    this.output = output;
    this.errors = errors;
    this.deadlineNanos = deadlineNanos;
    // Ctrl-C during the load phase kills the client too.
    this.registration =
        Cleanups.register("load client (pid " + process.pid() + ")",
            () -> ProcessKiller.killTree(process, Duration.ofSeconds(5)));
  }

  static WebcRun start(URI url, Duration duration, int delayMillis) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Xmx64m");
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add(MAIN_CLASS);
    argv.add(url.toString());
    argv.add("--delay-ms");
    argv.add(Integer.toString(delayMillis));
    argv.add("--duration");
    argv.add(duration.toMillis() + "ms");
    argv.add("--json");
    try {
      Path out = Files.createTempFile("sandbench-webc", ".out");
      Path err = Files.createTempFile("sandbench-webc", ".err");
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().putAll(OwnerMark.environment());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      long deadline = System.nanoTime() + duration.plus(GRACE).toNanos();
      return new WebcRun(pb.start(), out, err, deadline);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start webc: " + e.getMessage(), e);
    }
  }

  /** Waits for webc to end (killing it at its deadline) and returns what it reported. */
  WebcResult await() {
    try {
      long left = deadlineNanos - System.nanoTime();
      if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        ProcessKiller.killTree(process, Duration.ofSeconds(5));
        throw new IllegalStateException("webc did not finish before its deadline; killed");
      }
      List<String> lines = Files.readAllLines(output);
      String last = "";
      for (String line : lines) {
        if (!line.isBlank()) {
          last = line.strip();
        }
      }
      if (process.exitValue() != 0 || !last.startsWith("{")) {
        String err = Files.readString(errors).strip();
        throw new IllegalStateException(
            "webc exited with code " + process.exitValue() + ": "
                + (err.isEmpty() ? last : err.substring(err.lastIndexOf('\n') + 1)));
      }
      return WebcResult.parse(last);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read webc's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while webc ran", e);
    }
  }

  @Override
  public void close() {
    registration.close();
    try {
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
    } catch (IOException ignored) {
      // Temp files: harmless if left.
    }
  }
}
