package io.sandbench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The processes a driver names for an instance, plus all their descendants, found from /proc. */
public final class ProcessTree {
  private final List<Long> roots;

  public ProcessTree(List<Long> roots) {
    this.roots = List.copyOf(roots);
  }

  public static ProcessTree of(long... pids) {
    List<Long> list = new ArrayList<>();
    for (long p : pids) {
      list.add(p);
    }
    return new ProcessTree(list);
  }

  public List<Long> roots() {
    return roots;
  }

  /** Roots and descendants alive now; a root that has gone is left out. */
  public Set<Long> pids() {
    Map<Long, List<Long>> children = childrenByParent();
    Set<Long> all = new LinkedHashSet<>();
    Deque<Long> todo = new ArrayDeque<>();
    for (long r : roots) {
      if (Files.exists(Path.of("/proc/" + r))) {
        todo.add(r);
      }
    }
    while (!todo.isEmpty()) {
      long p = todo.poll();
      if (all.add(p)) {
        todo.addAll(children.getOrDefault(p, List.of()));
      }
    }
    return all;
  }

  /** ppid of every process on the host, read once from /proc/PID/stat. */
  static Map<Long, List<Long>> childrenByParent() {
    Map<Long, List<Long>> children = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          String stat = Files.readString(dir.resolve("stat"));
          String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
          long ppid = Long.parseLong(rest[1]);
          long pid = Long.parseLong(dir.getFileName().toString());
          children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
        } catch (IOException | RuntimeException e) {
          // Vanished between listing and reading: skipped, not an error.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return children;
  }
}
