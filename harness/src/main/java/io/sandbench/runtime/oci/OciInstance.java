package io.sandbench.runtime.oci;

import io.sandbench.exec.Cleanups;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.ProcessKiller;
import io.sandbench.net.IsolatedLink;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One container started with {@code <runtime> run --detach}: the starter process returns once the
 * container runs, and the container's init (runc, crun) or sandbox and gofer (runsc) live on,
 * reparented away from us; the pid file and the bundle name them. Closing deletes the container
 * with {@code delete --force} (SIGKILL: a container's PID 1 ignores SIGTERM), kills whatever is
 * left by pid, and removes its isolated network.
 */
final class OciInstance implements Instance {
  /** How long {@code run --detach} may take before it is killed as hung. */
  static final Duration START_DEADLINE = Duration.ofSeconds(60);

  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbench-oci-start-deadline");
            t.setDaemon(true);
            return t;
          });

  private final int id;
  private final String containerId;
  private final URI endpoint;
  private final OciCli cli;
  private final Path bundle;
  private final Path pidFile;
  private final LaunchedProcess starter;
  private final IsolatedLink link;
  private final Cleanups.Registration registration;
  private volatile long containerPid;
  private volatile long goferPid;

  OciInstance(
      int id, String containerId, URI endpoint, OciCli cli, Path bundle, Path pidFile,
      LaunchedProcess starter, IsolatedLink link) {
    this.id = id;
    this.containerId = containerId;
    this.endpoint = endpoint;
    this.cli = cli;
    this.bundle = bundle;
    this.pidFile = pidFile;
    this.starter = starter;
    this.link = link;
    this.registration = Cleanups.register("container " + containerId, this::stop);
    WATCHDOG.schedule(
        () -> {
          if (starter.exitCode().isEmpty()) {
            starter.close();
          }
        },
        START_DEADLINE.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public int id() {
    return id;
  }

  public String containerId() {
    return containerId;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  /** The starter while it runs, the container's init (or runsc's sandbox), runsc's gofer. */
  @Override
  public ProcessTree processes() {
    List<Long> roots = new ArrayList<>();
    if (starter.exitCode().isEmpty()) {
      roots.add(starter.pid());
    }
    long pid = containerPid();
    if (pid > 0) {
      roots.add(pid);
      long gofer = goferPid();
      if (gofer > 0) {
        roots.add(gofer);
      }
    }
    return new ProcessTree(roots);
  }

  /**
   * The starter's code when it failed; -1 once the container's main process is gone (a detached
   * runtime does not tell its exit code); empty while it runs or is starting.
   */
  @Override
  public OptionalLong launchedAtNanos() {
    return starter.startedAtNanos();
  }

  @Override
  public OptionalInt exitCode() {
    OptionalInt started = starter.exitCode();
    if (started.isEmpty()) {
      return OptionalInt.empty();
    }
    if (started.getAsInt() != 0) {
      return started;
    }
    long pid = containerPid();
    if (pid <= 0) {
      return OptionalInt.of(-1); // exited 0 without a pid file: nothing runs
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        ? OptionalInt.empty()
        : OptionalInt.of(-1);
  }

  /** The runtime's and the container's output (a detached container inherits the starter's). */
  @Override
  public String outputTail(int lines) {
    return starter.outputTail(lines);
  }

  @Override
  public void beginStop() {
    starter.killNow();
    killPid(containerPid());
    killPid(goferPid);
  }

  @Override
  public void close() {
    registration.close();
  }

  private void stop() {
    starter.close();
    long pid = containerPid();
    long gofer = goferPid();
    CommandResult r = cli.delete(containerId);
    for (long p : new long[] {pid, gofer}) {
      if (p > 0) {
        ProcessHandle.of(p).ifPresent(h -> ProcessKiller.killTree(h, KILL_WAIT));
      }
    }
    if (link != null) {
      link.close();
    }
    deleteBundle();
    if (!r.ok() && pid > 0 && ProcessHandle.of(pid).isPresent()) {
      System.err.println("sandbench: " + r.describe());
    }
  }

  /** The bundle is this launch's own (config.json, pid file, log); the rootfs is elsewhere. */
  private void deleteBundle() {
    try (java.util.stream.Stream<Path> s = Files.walk(bundle)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A bundle left in the run's work directory is harmless; prepared.close() removes it.
    }
  }

  private long containerPid() {
    long pid = containerPid;
    if (pid > 0) {
      return pid;
    }
    try {
      String text = Files.readString(pidFile).strip();
      if (!text.isEmpty()) {
        pid = Long.parseLong(text);
        containerPid = pid;
      }
    } catch (IOException | NumberFormatException e) {
      // Not written yet: the container is still starting.
    }
    return pid;
  }

  private long goferPid() {
    if (!cli.hasGofer() || goferPid > 0 || containerPid() <= 0) {
      return goferPid;
    }
    Optional<Long> g = GoferFinder.find(bundle);
    g.ifPresent(p -> goferPid = p);
    return goferPid;
  }

  private static void killPid(long pid) {
    if (pid > 0) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
