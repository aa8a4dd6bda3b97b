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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A long-lived process an instance runs (a server, a VMM, a shim): started with the run's owner
 * mark by the native helper when there is one (else the JDK), its output into files (never a
 * pipe), stdin from /dev/null, and ended by SIGKILL of its whole tree.
 */
public final class LaunchedProcess implements AutoCloseable {
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private final Child process;
  private final Path log;
  private volatile boolean closed;
  private volatile boolean killSent;

  private LaunchedProcess(Child process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code argv} through the native helper when there is one, else the JDK; output goes
   * to {@code log}. Throws {@link IOException} when the binary cannot be started at all.
   */
  public static LaunchedProcess start(List<String> argv, Map<String, String> env, Path log)
      throws IOException {
    return start(argv, env, ProcessIo.oneLog(log));
  }

  /**
   * Starts {@code argv} in {@code dir}, stdout into {@code out} and stderr into {@code err} (a
   * VMM's console and its complaints apart); {@link #outputTail} reads {@code out}.
   */
  public static LaunchedProcess start(
      List<String> argv, Map<String, String> env, Path dir, Path out, Path err) throws IOException {
    return start(argv, env, new ProcessIo(dir, out, err));
  }

  private static LaunchedProcess start(List<String> argv, Map<String, String> env, ProcessIo io)
      throws IOException {
    Optional<NativeHelper> helper = NativeHelper.get();
    return helper.isPresent() ? start(helper.get(), argv, env, io) : startWithJdk(argv, env, io);
  }

  static LaunchedProcess start(NativeHelper helper, List<String> argv, Map<String, String> env, Path log)
      throws IOException {
    return start(helper, argv, env, ProcessIo.oneLog(log));
  }

  private static LaunchedProcess start(
      NativeHelper helper, List<String> argv, Map<String, String> env, ProcessIo io)
      throws IOException {
    return new LaunchedProcess(helper.spawn(argv, env, io), io.out());
  }

  static LaunchedProcess startWithJdk(List<String> argv, Map<String, String> env, ProcessIo io)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.environment().putAll(OwnerMark.environment());
    if (io.dir() != null) {
      pb.directory(io.dir().toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.redirectOutput(io.out().toFile());
    if (io.err() == null) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(io.err().toFile());
    }
    return new LaunchedProcess(new JdkChild(pb.start()), io.out());
  }

  public long pid() {
    return process.pid();
  }

  public OptionalInt exitCode() {
    return process.exitCode();
  }

  /** System.nanoTime() when the process was really launched, if later than start() was called. */
  public OptionalLong startedAtNanos() {
    return process.startedAtNanos();
  }

  /** The last {@code lines} lines of the process's output (at most 64 KiB are read). */
  public String outputTail(int lines) {
    return tailOf(lines);
  }

  private String tailOf(int lines) {
    String t = tail(log, lines);
    String failure = process.startFailure();
    return failure == null ? t : (t.isEmpty() ? failure : t + "\n" + failure);
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
    killSent = true;
    process.killTreeNow();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (killSent) {
      process.awaitExit(KILL_WAIT); // a burst of stops: each tree was killed already
    } else {
      process.killTree(KILL_WAIT);
    }
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
