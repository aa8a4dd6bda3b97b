package io.sandbench.measure;

import io.sandbench.UserError;
import io.sandbench.exec.Cleanups;
import io.sandbench.exec.NativeHelper;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.net.IsolatedLink;
import io.sandbench.net.Tap;
import io.sandbench.result.RunInfo;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One runtime prepared for one workload, for the length of an experiment: checks the runtime is
 * usable here, takes a run tag, removes what crashed runs left, prepares, and on close undoes it
 * all (also on Ctrl-C, through {@link Cleanups}).
 */
public final class Session implements AutoCloseable {
  private final Runtime runtime;
  private final Workload workload;
  private final Availability availability;
  private final Host host;
  private final RunTag tag;
  private final Path workDir;
  private final Prepared prepared;
  private final Cleanups.Registration registration;
  private final Instant startedAt = Instant.now();

  private Session(
      Runtime runtime, Workload workload, Availability availability, Host host, RunTag tag,
      Path workDir, Prepared prepared) {
    this.runtime = runtime;
    this.workload = workload;
    this.availability = availability;
    this.host = host;
    this.tag = tag;
    this.workDir = workDir;
    this.prepared = prepared;
    this.registration = Cleanups.register("runtime " + runtime.name(), this::undo);
  }

  /** Opens a session, or fails with one line saying why the runtime cannot run here. */
  public static Session open(
      String runtimeName, Workload workload, Map<String, String> options, int basePort) {
    Runtime runtime = Runtimes.named(runtimeName);
    Host host = Host.detect();
    Availability a = runtime.probe(host);
    if (!a.available()) {
      throw new UserError(a.explain(runtime.name()));
    }
    workload.root();
    sweepLeftovers();
    RunTag tag = RunTag.create();
    Path workDir;
    try {
      workDir = Files.createTempDirectory("sandbench-" + tag + "-");
    } catch (IOException e) {
      tag.release();
      throw new UserError("cannot create a work directory in /tmp: " + e.getMessage());
    }
    Prepared prepared;
    try {
      prepared =
          runtime.prepare(new Setup(workload, workDir, tag.value(), basePort, options));
      prepared.cleanupLeftovers();
    } catch (RuntimeException e) {
      deleteTree(workDir);
      tag.release();
      throw e;
    }
    return new Session(runtime, workload, a, host, tag, workDir, prepared);
  }

  /**
   * What any crashed run left that any runtime can remove without preparing: its marked
   * processes, network namespaces, veths and taps. Containers of a crashed run go with the next
   * run of their own runtime ({@link Prepared#cleanupLeftovers()}).
   */
  private static void sweepLeftovers() {
    OwnerMark.killOrphans();
    List<String> dead = RunTag.deadTags();
    if (!dead.isEmpty()) {
      IsolatedLink.removeLeftovers(dead);
      Tap.removeLeftovers(dead);
    }
  }

  public Prepared prepared() {
    return prepared;
  }

  public String runId() {
    return tag.value();
  }

  public Host host() {
    return host;
  }

  public Runtime runtime() {
    return runtime;
  }

  public Workload workload() {
    return workload;
  }

  /** What every export of this session starts with. */
  public RunInfo runInfo(String experiment, Map<String, Object> parameters) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("runtime", runtime.name());
    facts.put("runtimeVersion", availability.version());
    facts.put("workload", workload.name());
    facts.putAll(prepared.facts());
    facts.put("harnessLauncher", NativeHelper.description());
    return new RunInfo(
        "sandbench " + io.sandbench.Version.current(),
        tag.value(),
        experiment,
        startedAt,
        host,
        parameters,
        facts);
  }

  @Override
  public void close() {
    registration.close();
  }

  private void undo() {
    try {
      prepared.close();
    } finally {
      deleteTree(workDir);
      tag.release();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory left in /tmp is harmless.
    }
  }
}
