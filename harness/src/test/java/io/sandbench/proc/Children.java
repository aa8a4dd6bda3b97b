package io.sandbench.proc;

import io.sandbench.exec.ProcessKiller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real child processes for the tests, all killed (whole trees) on close. */
final class Children implements AutoCloseable {
  private final List<Process> started = new ArrayList<>();

  Process shell(String script) throws IOException {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    started.add(p);
    return p;
  }

  /** A JVM running {@link MemoryToucher} with these arguments, returned once it printed "ready". */
  Process toucher(String... args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    argv.addAll(List.of("-cp", System.getProperty("java.class.path")));
    argv.add(MemoryToucher.class.getName());
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    started.add(p);
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    if (!"ready".equals(line)) {
      throw new IllegalStateException("toucher did not start: " + line);
    }
    return p;
  }

  /** Waits until the tree under {@code p} has {@code count} processes (shells fork asynchronously). */
  static void awaitTreeSize(Process p, int count) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessTree.of(p.pid()).pids().size() < count && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    for (Process p : started) {
      ProcessKiller.killTree(p, Duration.ofSeconds(5));
    }
  }
}
