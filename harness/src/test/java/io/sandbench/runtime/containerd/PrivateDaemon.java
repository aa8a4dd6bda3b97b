package io.sandbench.runtime.containerd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.LaunchedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A daemon a test starts for itself (containerd, dockerd) on a private socket with private data
 * and state directories, and stops (whole tree) at the end. When it cannot start here the test is
 * skipped with the daemon's own last words as the reason.
 */
public final class PrivateDaemon implements AutoCloseable {
  private final LaunchedProcess process;
  private final Path dir;
  private final Path socket;

  private PrivateDaemon(LaunchedProcess process, Path dir, Path socket) {
    this.process = process;
    this.dir = dir;
    this.socket = socket;
  }

  /** Short paths: a unix socket path must stay under 108 bytes. */
  public static Path newDir(String kind) throws IOException {
    Files.createDirectories(Path.of("/run/sandbench"));
    return Files.createTempDirectory(Path.of("/run/sandbench"), "t-" + kind + "-");
  }

  /** Starts {@code argv}, waits until {@code ready} answers, or skips the test saying why. */
  public static PrivateDaemon start(String name, Path dir, Path socket, List<String> argv, List<String> ready)
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of(argv.get(0))), name + " is not installed (" + argv.get(0) + ")");
    Path log = dir.resolve(name + ".log");
    LaunchedProcess p = LaunchedProcess.start(argv, Map.of(), log);
    PrivateDaemon d = new PrivateDaemon(p, dir, socket);
    long until = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < until) {
      if (p.exitCode().isPresent()) {
        String why = p.outputTail(3);
        d.close();
        assumeTrue(false, name + " cannot start here: " + why);
      }
      if (Files.exists(socket) && ExternalCommand.run(ready, Duration.ofSeconds(5)).ok()) {
        return d;
      }
      Thread.sleep(100);
    }
    String why = p.outputTail(3);
    d.close();
    assumeTrue(false, name + " did not answer within 30 s: " + why);
    return d;
  }

  public Path socket() {
    return socket;
  }

  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    process.close();
    // dockerd leaves mounts under its exec root (netns files): unmount the deepest first.
    List<String> mounts = new java.util.ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        String[] f = line.split(" ");
        if (f.length > 1 && f[1].startsWith(dir + "/")) {
          mounts.add(f[1]);
        }
      }
    } catch (IOException ignored) {
      // No mount table: nothing to unmount.
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String m : mounts) {
      ExternalCommand.run(List.of("umount", "-l", m), Duration.ofSeconds(10));
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // A stray test directory under /run is harmless.
    }
  }
}
