package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.measure.TestPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT and SIGTERM run the same shutdown hook) in the middle of a run leaves nothing. */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void interruptedMemoryRunLeavesNoInstanceAndNoExport() throws Exception {
    Path json = dir.resolve("memory.json");
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Dsandbench.home=" + System.getProperty("sandbench.home", "."));
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    argv.addAll(List.of("memory", "--workload", "busybox-httpd", "--instances", "1,2,4,8",
        "--settle", "30s", "--base-port", Integer.toString(TestPorts.base()),
        "--export-json", json.toString()));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Launched.by(p.pid()).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertFalse(Launched.by(p.pid()).isEmpty(), "the run never launched an instance");
      p.destroy(); // SIGTERM: the shutdown hook Ctrl-C runs too
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sandbench did not stop");
      assertEquals(List.of(), ownedBy(p.pid()), "processes left running");
      assertFalse(Files.exists(json), "no export from an interrupted run");
      try (var files = Files.list(dir)) {
        assertEquals(0, files.count(), "no temporary file left");
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void interruptedMonitorUnderLoadLeavesNeitherInstanceNorLoadClientNorOutput() throws Exception {
    Path out = dir.resolve("out");
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Dsandbench.home=" + System.getProperty("sandbench.home", "."));
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    argv.addAll(List.of("monitor", "--workload", "webd", "--interval", "100ms",
        "--idle", "0s", "--load", "60s", "--base-port", Integer.toString(TestPorts.base()),
        "--out", out.toString()));
    Path log = Files.createTempFile("sandbench-interrupt", ".log");
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      // Both the instance and webc carry the owner mark: wait for the two.
      while (Launched.by(p.pid()).size() < 2 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertTrue(Launched.by(p.pid()).size() >= 2,
          "instance and load client never both ran: " + Files.readString(log));
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sandbench did not stop");
      assertEquals(List.of(), ownedBy(p.pid()), "processes left running");
      try (var files = Files.list(out)) {
        assertEquals(0, files.count(), "no output from an interrupted run");
      }
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  /** Live processes carrying the owner mark of sandbench process {@code pid}. */
  private static List<Long> ownedBy(long pid) throws Exception {
    List<Long> owned = new ArrayList<>();
    String mark = "SANDBENCH_OWNER=" + pid + ":";
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : procs) {
        try {
          String env = new String(Files.readAllBytes(d.resolve("environ")), StandardCharsets.UTF_8);
          if (env.contains(mark)) {
            owned.add(Long.parseLong(d.getFileName().toString()));
          }
        } catch (java.io.IOException e) {
          // Gone meanwhile.
        }
      }
    }
    return owned;
  }
}
