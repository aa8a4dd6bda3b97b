package io.sandbench.runtime.oci;

import io.sandbench.UserError;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.image.OciSpec;
import io.sandbench.image.Rootfs;
import io.sandbench.net.IsolatedLink;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An OCI runtime (runc, crun, runsc) prepared for one scenario: the shared read-only rootfs is
 * built (or found in the cache); each launch writes the instance's own bundle (config.json only),
 * creates its netns in isolated mode, and starts {@code run --detach} without waiting for it.
 */
public final class OciPrepared implements Prepared {
  private static final String LOOPBACK = "127.0.0.1";
  private final Setup setup;
  private final OciCli cli;
  private final Rootfs rootfs;
  private final NetworkMode network;
  private final ResourceLimits limits;
  private final Path bundles;
  private final Map<String, String> facts = new LinkedHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong launches = new java.util.concurrent.atomic.AtomicLong();

  public OciPrepared(Setup setup, OciCli cli, Map<String, String> runtimeFacts) {
    this.setup = setup;
    this.cli = cli;
    this.network = NetworkMode.of(setup);
    this.limits = ResourceLimits.of(setup);
    this.rootfs = Rootfs.of(setup.workload());
    this.bundles = setup.workDir().resolve(cli.name() + "-bundles");
    facts.put("network", network.label());
    facts.put("bind", network == NetworkMode.HOST ? LOOPBACK : "10.213.0.0/16, one /30 per instance");
    facts.put("basePort", Integer.toString(setup.basePort()));
    if (network == NetworkMode.ISOLATED) {
      facts.put("isolatedNetwork", "netns + veth pair per instance, made inside launch(): counted in startup");
    }
    facts.put("ociRuntime", cli.binary().toString());
    facts.put("launch", "run --detach (pid file, output to a file)");
    facts.put("rootfs", rootfs.dir() + " (shared, read-only" + (rootfs.needsHostUsr() ? ", host /usr bound read-only" : "") + ")");
    facts.put("limits", limits.describe());
    facts.putAll(runtimeFacts);
  }

  @Override
  public Instance launch(int id) {
    String containerId = ContainerNames.of(setup.runId(), id);
    int port = setup.port(id);
    // A fresh bundle per launch: a runtime killed mid-start leaves files (runc's ".container.pid"
    // temp file) that would make the next start with the same bundle fail.
    Path bundle = bundles.resolve(id + "-" + launches.incrementAndGet());
    Path pidFile = bundle.resolve("container.pid");
    Path log = bundle.resolve("output.log");
    IsolatedLink link = null;
    try {
      String bind = LOOPBACK;
      Path netns = null;
      if (network == NetworkMode.ISOLATED) {
        link = IsolatedLink.create(setup.runId(), id);
        bind = link.instanceAddress();
        netns = link.netnsPath();
      }
      List<String> env = new ArrayList<>();
      env.add(OwnerMark.VARIABLE + "=" + OwnerMark.self());
      new OciSpec(
              rootfs,
              setup.workload().command(rootfs.workloadRoot(), bind, port),
              env,
              containerId,
              cli.netnsByNsenter() ? null : netns,
              limits.memoryBytes(),
              limits.pids())
          .writeTo(bundle);
      LaunchedProcess starter =
          LaunchedProcess.start(cli.runArgv(bundle, pidFile, containerId, netns), Map.of(), log);
      URI endpoint = URI.create("http://" + bind + ":" + port + "/");
      return new OciInstance(id, containerId, endpoint, cli, bundle, pidFile, starter, link);
    } catch (IOException | RuntimeException e) {
      if (link != null) {
        link.close();
      }
      if (e instanceof UserError) {
        throw (UserError) e;
      }
      throw new UserError("cannot launch " + containerId + " with " + cli.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes what runs that died left: their containers ({@code sandbench-<deadtag>-*}), their
   * marked processes, their namespaces and veths.
   */
  @Override
  public void cleanupLeftovers() {
    removeLeftovers(cli);
  }

  /** The clean-up, for any OCI command line (the tests call it with their own). */
  public static void removeLeftovers(OciCli cli) {
    List<String> dead = RunTag.deadTags();
    if (dead.isEmpty()) {
      OwnerMark.killOrphans();
      return;
    }
    for (String id : cli.list()) {
      if (ContainerNames.isOfDeadRun(id, dead)) {
        cli.delete(id);
      }
    }
    OwnerMark.killOrphans();
    IsolatedLink.removeLeftovers(dead);
  }

  @Override
  public Map<String, String> facts() {
    return java.util.Collections.unmodifiableMap(facts);
  }

  /** Deletes the bundles (config.json, logs); the shared rootfs stays in the cache. */
  @Override
  public void close() {
    if (!Files.exists(bundles)) {
      return;
    }
    try (Stream<Path> s = Files.walk(bundles)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Bundles left in the run's work directory are harmless.
    }
  }
}
