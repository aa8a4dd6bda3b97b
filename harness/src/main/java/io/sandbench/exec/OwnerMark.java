package io.sandbench.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marks every process a run starts with an environment variable naming the sandbench process that
 * owns it (pid and start time). Children inherit it, so after a {@code kill -9} of sandbench the
 * next run can find every process of the dead run in /proc and remove it, and never touches the
 * processes of a sandbench that is still alive.
 */
public final class OwnerMark {
  public static final String VARIABLE = "SANDBENCH_OWNER";
  private static final Path PROC = Path.of("/proc");

  private OwnerMark() {}

  /** The value for this process: {@code pid:starttime} (start time in clock ticks since boot). */
  public static String self() {
    return Self.MARK;
  }

  public static Map<String, String> environment() {
    return Self.ENVIRONMENT;
  }

  /** Read once: every launch needs it, and it never changes. */
  private static final class Self {
    static final String MARK =
        ProcessHandle.current().pid() + ":" + startTime(ProcessHandle.current().pid()).orElse(0L);
    static final Map<String, String> ENVIRONMENT = Map.of(VARIABLE, MARK);
  }

  /** Kills the marked processes whose owner is gone; returns how many were killed. */
  public static int killOrphans() {
    List<ProcessHandle> orphans = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        Optional<String> owner = ownerOf(pid);
        if (owner.isPresent() && !isAlive(owner.get())) {
          ProcessHandle.of(pid).ifPresent(orphans::add);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    for (ProcessHandle p : orphans) {
      ProcessKiller.killTree(p, Duration.ofSeconds(2));
    }
    return orphans.size();
  }

  /** Processes marked as owned by the sandbench process {@code ownerPid}, alive now. */
  public static List<Long> markedBy(long ownerPid) {
    List<Long> out = new ArrayList<>();
    String prefix = ownerPid + ":";
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (ownerOf(pid).filter(m -> m.startsWith(prefix)).isPresent()) {
          out.add(pid);
        }
      }
    } catch (IOException e) {
      // No /proc: nothing found.
    }
    return out;
  }

  /** The owner mark in a process's environment, if it has one (and we may read it). */
  static Optional<String> ownerOf(long pid) {
    try {
      byte[] env = Files.readAllBytes(PROC.resolve(pid + "/environ"));
      String prefix = VARIABLE + "=";
      for (String entry : new String(env, StandardCharsets.UTF_8).split("\0")) {
        if (entry.startsWith(prefix)) {
          return Optional.of(entry.substring(prefix.length()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone, or a kernel thread: not ours.
    }
    return Optional.empty();
  }

  /** Whether the process a mark names (same pid, same start time) still runs. */
  public static boolean isAlive(String mark) {
    String[] parts = mark.split(":");
    if (parts.length != 2) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[0]);
      long start = Long.parseLong(parts[1]);
      return startTime(pid).map(s -> s == start).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Field 22 of /proc/PID/stat: start time after boot, in clock ticks. */
  static Optional<Long> startTime(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid + "/stat"));
      // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Long.parseLong(rest[19]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
