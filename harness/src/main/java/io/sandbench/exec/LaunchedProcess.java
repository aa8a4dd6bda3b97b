package io.sandbench.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A long-lived process an instance runs (a server, a VMM, a shim): started with the run's owner
 * mark, stdout and stderr into one log file (never a pipe), stdin from /dev/null, and ended by
 * SIGKILL of its whole tree.
 */
public final class LaunchedProcess implements AutoCloseable {
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private final Process process;
  private final Path log;
  private volatile boolean closed;

  private LaunchedProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code argv}; output goes to {@code log}. Throws {@link IOException} when the binary
   * cannot be started at all.
   */
  public static LaunchedProcess start(List<String> argv, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.environment().putAll(OwnerMark.environment());
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return new LaunchedProcess(pb.start(), log);
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** The last {@code lines} lines of the process's output (at most 64 KiB are read). */
  public String outputTail(int lines) {
    return tail(log, lines);
  }

  public static String tail(Path file, int lines) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      long from = Math.max(0, len - 65536);
      byte[] buf = new byte[(int) (len - from)];
      f.seek(from);
      f.readFully(buf);
      String[] all = new String(buf, StandardCharsets.UTF_8).strip().split("\n");
      if (all.length == 1 && all[0].isEmpty()) {
        return "";
      }
      return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    } catch (IOException e) {
      return "";
    }
  }

  /** Kills the whole tree without waiting; {@link #close()} waits. For stopping many at once. */
  public void killNow() {
    ProcessKiller.killTreeNow(process.toHandle());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ProcessKiller.killTree(process, KILL_WAIT);
  }

  /** Deletes the log; call after close when the output is no longer wanted. */
  public void deleteLog() {
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // A leftover log in the run's work directory is harmless.
    }
  }
}
