package io.sandbench.runtime.containerd;

import io.sandbench.exec.Cleanups;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.ProcessKiller;
import io.sandbench.net.IsolatedLink;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A container a daemon runs (containerd, dockerd): started by a client command that returns once
 * the task runs ({@code ctr run -d}, {@code docker run -d}); its processes are the shim the daemon
 * started for it and the shim's descendants. The daemon itself is shared and not counted here.
 */
public final class ShimmedInstance implements Instance {
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private final int id;
  private final URI endpoint;
  private final String namespace;
  private final Supplier<String> shimId;
  private final LaunchedProcess starter;
  private final Runnable remover;
  private final IsolatedLink link;
  private final Cleanups.Registration registration;
  private volatile long shimPid;

  /**
   * @param shimId the id the shim is started with, once known (empty string until then)
   * @param remover removes the container through the daemon (kill, delete)
   */
  public ShimmedInstance(
      int id, String what, URI endpoint, String namespace, Supplier<String> shimId,
      LaunchedProcess starter, Runnable remover, IsolatedLink link) {
    this.id = id;
    this.endpoint = endpoint;
    this.namespace = namespace;
    this.shimId = shimId;
    this.starter = starter;
    this.remover = remover;
    this.link = link;
    this.registration = Cleanups.register(what, this::stop);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public ProcessTree processes() {
    boolean starting = starter.exitCode().isEmpty();
    List<Long> roots = roots(starting);
    if (starting && starter.exitCode().isPresent()) {
      // The client exited meanwhile: the shim's id (docker prints it at exit) may be known now.
      roots = roots(false);
    }
    return new ProcessTree(roots);
  }

  private List<Long> roots(boolean starting) {
    List<Long> roots = new ArrayList<>();
    if (starting) {
      roots.add(starter.pid());
    }
    long shim = shimPid();
    if (shim > 0) {
      roots.add(shim);
    }
    return roots;
  }

  /** The client's code when it failed; empty otherwise (the daemon keeps the task's code). */
  @Override
  public OptionalLong launchedAtNanos() {
    return starter.startedAtNanos();
  }

  @Override
  public OptionalInt exitCode() {
    OptionalInt c = starter.exitCode();
    return c.isPresent() && c.getAsInt() != 0 ? c : OptionalInt.empty();
  }

  @Override
  public String outputTail(int lines) {
    return starter.outputTail(lines);
  }

  @Override
  public void close() {
    registration.close();
  }

  private void stop() {
    starter.close();
    long shim = shimPid();
    remover.run();
    if (shim > 0) {
      ProcessHandle.of(shim).ifPresent(h -> ProcessKiller.killTree(h, KILL_WAIT));
    }
    if (link != null) {
      link.close();
    }
  }

  private long shimPid() {
    if (shimPid > 0) {
      return shimPid;
    }
    String sid = shimId.get();
    if (!sid.isEmpty()) {
      ShimFinder.find(namespace, sid).ifPresent(p -> shimPid = p);
    }
    return shimPid;
  }
}
