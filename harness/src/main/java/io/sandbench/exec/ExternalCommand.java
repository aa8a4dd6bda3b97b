package io.sandbench.exec;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion with a deadline that ends in SIGKILL of its whole tree.
 *
 * <p>Output goes to files, not pipes: a detached child (runsc, a daemon) can hold a pipe open for
 * minutes after the command itself has exited, and a reader on that pipe would hang with it.
 */
public final class ExternalCommand {
  private static final int MAX_OUTPUT = 1 << 20;
  private static final File DEV_NULL = new File("/dev/null");

  private ExternalCommand() {}

  public static CommandResult run(List<String> argv, Duration deadline) {
    return run(argv, deadline, Map.of(), null);
  }

  public static CommandResult run(
      List<String> argv, Duration deadline, Map<String, String> env, Path workDir) {
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("sandbench-cmd", ".out");
      err = Files.createTempFile("sandbench-cmd", ".err");
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().putAll(env);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      pb.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new CommandResult(
            argv, CommandResult.NOT_STARTED, false, "", e.getMessage(), elapsed(start));
      }
      boolean finished;
      try {
        finished = p.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        ProcessKiller.killTree(p, Duration.ofSeconds(5));
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running " + argv.get(0), e);
      }
      if (!finished) {
        ProcessKiller.killTree(p, Duration.ofSeconds(5));
      }
      return new CommandResult(
          argv, finished ? p.exitValue() : -1, !finished, tail(out), tail(err), elapsed(start));
    } catch (IOException e) {
      return new CommandResult(
          argv, CommandResult.NOT_STARTED, false, "", e.toString(), elapsed(start));
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The last {@value #MAX_OUTPUT} bytes of a file, as text. */
  static String tail(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      long from = Math.max(0, len - MAX_OUTPUT);
      byte[] buf = new byte[(int) (len - from)];
      f.seek(from);
      f.readFully(buf);
      return new String(buf, StandardCharsets.UTF_8);
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A temp file left behind is harmless.
      }
    }
  }
}
