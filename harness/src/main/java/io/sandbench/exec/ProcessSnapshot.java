package io.sandbench.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parent to children of every process, read once from /proc and reused for {@value #TTL_MILLIS}
 * ms, so that killing many process trees in a row reads /proc once, not once per tree.
 */
final class ProcessSnapshot {
  private static final long TTL_MILLIS = 100;
  private static ProcessSnapshot latest;
  private final long takenAtNanos = System.nanoTime();
  private final Map<Long, List<Long>> children;

  private ProcessSnapshot(Map<Long, List<Long>> children) {
    this.children = children;
  }

  static synchronized ProcessSnapshot current() {
    if (latest == null || System.nanoTime() - latest.takenAtNanos > TTL_MILLIS * 1_000_000) {
      latest = new ProcessSnapshot(read());
    }
    return latest;
  }

  List<Long> descendantsOf(long pid) {
    List<Long> out = new ArrayList<>();
    Deque<Long> todo = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
    while (!todo.isEmpty()) {
      long p = todo.poll();
      out.add(p);
      todo.addAll(children.getOrDefault(p, List.of()));
    }
    return out;
  }

  private static Map<Long, List<Long>> read() {
    Map<Long, List<Long>> children = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          String stat = Files.readString(dir.resolve("stat"));
          String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
          children.computeIfAbsent(Long.parseLong(rest[1]), k -> new ArrayList<>())
              .add(Long.parseLong(dir.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
          // Gone between listing and reading.
        }
      }
    } catch (IOException e) {
      // No /proc: no descendants known.
    }
    return children;
  }
}
