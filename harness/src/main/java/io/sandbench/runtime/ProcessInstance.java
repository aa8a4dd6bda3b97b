package io.sandbench.runtime;

import io.sandbench.exec.Cleanups;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.proc.ProcessTree;
import java.net.URI;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An instance that is one host process tree (native, custom shims): registered for Ctrl-C clean-up
 * from the moment it starts, killed whole on close.
 */
public class ProcessInstance implements Instance {
  private final int id;
  private final URI endpoint;
  private final LaunchedProcess process;
  private final Cleanups.Registration registration;

  public ProcessInstance(int id, URI endpoint, LaunchedProcess process) {
    this.id = id;
    this.endpoint = endpoint;
    this.process = process;
    this.registration = Cleanups.register("instance " + id, process);
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
    return ProcessTree.of(process.pid());
  }

  @Override
  public OptionalInt exitCode() {
    return process.exitCode();
  }

  @Override
  public OptionalLong launchedAtNanos() {
    return process.startedAtNanos();
  }

  @Override
  public String outputTail(int lines) {
    return process.outputTail(lines);
  }

  /** Sends SIGKILL to the whole tree without waiting, so many instances stop at once. */
  @Override
  public void beginStop() {
    process.killNow();
  }

  @Override
  public void close() {
    registration.close();
  }
}
