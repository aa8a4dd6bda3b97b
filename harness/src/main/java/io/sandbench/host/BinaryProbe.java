package io.sandbench.host;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.Executables;
import io.sandbench.exec.ExternalCommand;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds binaries on the search path and asks each its version, with a deadline: a binary that
 * hangs is reported as timed out (and killed), never hangs the caller. Runtime drivers use it for
 * their {@code probe()}: {@code BinaryProbe.find("runc").toAvailability()}.
 *
 * <p>The search path is $PATH plus the sbin directories (runc lives in /usr/sbin, which is not on
 * every user's PATH). Tests give their own directories.
 */
public final class BinaryProbe {
  /** How long a version command may take before it is killed. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(3);

  private static final int MAX_VERSION_CHARS = 120;

  private final List<Path> searchPath;
  private final Duration deadline;

  /** Searches {@code searchPath} in order; each version command gets {@code deadline}. */
  public BinaryProbe(List<Path> searchPath, Duration deadline) {
    this.searchPath = List.copyOf(searchPath);
    this.deadline = deadline;
  }

  /** $PATH plus /usr/local/sbin, /usr/sbin, /sbin, with {@link #DEFAULT_DEADLINE}. */
  public static BinaryProbe onPath() {
    return onPath(DEFAULT_DEADLINE);
  }

  /** $PATH plus /usr/local/sbin, /usr/sbin, /sbin, with the given deadline per version command. */
  public static BinaryProbe onPath(Duration deadline) {
    Set<Path> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    for (String d : new String[] {"/usr/local/sbin", "/usr/sbin", "/sbin"}) {
      dirs.add(Path.of(d));
    }
    return new BinaryProbe(new ArrayList<>(dirs), deadline);
  }

  /** The directories searched, in order. */
  public List<Path> searchPath() {
    return searchPath;
  }

  /** Probes one binary on the default search path (see {@link KnownBinary} for the hints). */
  public static Binary find(String name) {
    return onPath().probe(KnownBinary.named(name));
  }

  /** Where {@code name} is on the search path: the first executable regular file of that name. */
  public Optional<Path> locate(String name) {
    return Executables.locate(name, searchPath).map(Path::toAbsolutePath);
  }

  /** Probes one binary: locate it, then run its version command within the deadline. */
  public Binary probe(KnownBinary b) {
    Optional<Path> found = locate(b.name());
    if (found.isEmpty()) {
      return new Binary(b.name(), Binary.Status.MISSING, "", "", "not found on PATH", b.installHint());
    }
    String path = found.get().toString();
    if (b.versionArgs().isEmpty()) {
      return new Binary(b.name(), Binary.Status.FOUND, path, "", "", b.installHint());
    }
    List<String> argv = new ArrayList<>();
    argv.add(path);
    argv.addAll(b.versionArgs());
    CommandResult r = ExternalCommand.run(argv, deadline);
    if (r.timedOut()) {
      return new Binary(
          b.name(),
          Binary.Status.TIMED_OUT,
          path,
          "",
          "timed out: '" + String.join(" ", b.versionArgs()) + "' did not answer within " + deadline.toMillis() + " ms",
          b.installHint());
    }
    String line = firstLine(r.stdout());
    if (line.isEmpty()) {
      line = firstLine(r.stderr());
    }
    if (line.isEmpty() && r.exitCode() != 0) {
      return new Binary(b.name(), Binary.Status.BROKEN, path, "", "does not run: " + r.describe(), b.installHint());
    }
    // Some tools (wrk) print their version and exit non-zero: the first line is what counts.
    return new Binary(b.name(), Binary.Status.FOUND, path, line, "", b.installHint());
  }

  /**
   * Probes all {@code binaries} in parallel and returns their results in the same order, within
   * about one deadline in all: a probe still running after that is reported as timed out.
   */
  public List<Binary> probeAll(List<KnownBinary> binaries) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, binaries.size()),
            r -> {
              Thread t = new Thread(r, "binary-probe");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Binary>> futures = new ArrayList<>();
      for (KnownBinary b : binaries) {
        futures.add(pool.submit(() -> probe(b)));
      }
      // The version command is killed at the deadline; the slack covers start-up and the kill.
      long until = System.nanoTime() + deadline.toNanos() + Duration.ofSeconds(2).toNanos();
      List<Binary> out = new ArrayList<>();
      for (int i = 0; i < binaries.size(); i++) {
        out.add(await(futures.get(i), binaries.get(i), until));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Binary await(Future<Binary> f, KnownBinary b, long until) {
    try {
      return f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      String path = locate(b.name()).map(Path::toString).orElse("");
      return new Binary(b.name(), Binary.Status.TIMED_OUT, path, "", "timed out: the probe did not finish in time", b.installHint());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing " + b.name(), e);
    } catch (ExecutionException e) {
      return new Binary(b.name(), Binary.Status.BROKEN, "", "", "probe failed: " + e.getCause(), b.installHint());
    }
  }

  private static String firstLine(String text) {
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        return t.length() > MAX_VERSION_CHARS ? t.substring(0, MAX_VERSION_CHARS) : t;
      }
    }
    return "";
  }
}
