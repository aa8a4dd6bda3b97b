package io.sandbench.runtime.containerd;

import io.sandbench.proc.ProcessTree;
import io.sandbench.proc.SocketOwners;
import io.sandbench.UserError;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.image.Rootfs;
import io.sandbench.net.IsolatedLink;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.oci.ContainerNames;
import io.sandbench.runtime.oci.NetworkMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** containerd prepared for one scenario: each launch is one {@code ctr run -d --rootfs}. */
final class ContainerdPrepared implements Prepared {
  private static final String LOOPBACK = "127.0.0.1";
  private final Setup setup;
  private final CtrCli ctr;
  private final Rootfs rootfs;
  private final NetworkMode network;
  private final String shim;
  private final Path logs;
  private final Map<String, String> facts = new LinkedHashMap<>();

  ContainerdPrepared(Setup setup, CtrCli ctr) {
    this.setup = setup;
    this.ctr = ctr;
    this.network = NetworkMode.of(setup);
    this.shim = setup.option("shim", "io.containerd.runc.v2");
    this.rootfs = Rootfs.of(setup.workload());
    this.logs = setup.workDir().resolve("containerd-logs");
    facts.put("network", network.label());
    facts.put("bind", network == NetworkMode.HOST ? LOOPBACK : "10.213.0.0/16, one /30 per instance");
    facts.put("basePort", Integer.toString(setup.basePort()));
    if (network == NetworkMode.ISOLATED) {
      facts.put("isolatedNetwork", "netns + veth pair per instance, made inside launch(): counted in startup");
    }
    facts.put("containerdAddress", ctr.address().toString());
    facts.put("containerdShim", shim);
    facts.put("launch", "ctr run --detach --rootfs --read-only");
    facts.put("rootfs", rootfs.dir() + " (shared, read-only" + (rootfs.needsHostUsr() ? ", host /usr bound read-only" : "") + ")");
  }

  @Override
  public Instance launch(int id) {
    String containerId = ContainerNames.of(setup.runId(), id);
    int port = setup.port(id);
    IsolatedLink link = null;
    try {
      Files.createDirectories(logs);
      String bind = LOOPBACK;
      List<String> args = new ArrayList<>(List.of("run", "--detach", "--rootfs", "--read-only", "--runtime", shim));
      if (network == NetworkMode.ISOLATED) {
        link = IsolatedLink.create(setup.runId(), id);
        bind = link.instanceAddress();
        args.addAll(List.of("--with-ns", "network:" + link.netnsPath()));
      } else {
        args.add("--net-host");
      }
      args.addAll(List.of("--log-uri", "file://" + logs.resolve(id + ".container.log")));
      args.addAll(List.of("--env", OwnerMark.VARIABLE + "=" + OwnerMark.self()));
      args.addAll(List.of("--mount", "type=tmpfs,src=tmpfs,dst=/tmp,options=nosuid:nodev"));
      if (rootfs.needsHostUsr()) {
        args.addAll(List.of("--mount", "type=bind,src=/usr,dst=/usr,options=rbind:ro"));
      }
      args.add(rootfs.dir().toString());
      args.add(containerId);
      args.addAll(setup.workload().command(rootfs.workloadRoot(), bind, port));
      LaunchedProcess starter =
          LaunchedProcess.start(ctr.argv(args.toArray(String[]::new)), Map.of(), logs.resolve(id + ".ctr.log"));
      return new ShimmedInstance(
          id, "containerd container " + containerId, URI.create("http://" + bind + ":" + port + "/"),
          CtrCli.NAMESPACE, () -> containerId, starter, () -> ctr.remove(containerId), link);
    } catch (IOException | RuntimeException e) {
      if (link != null) {
        link.close();
      }
      if (e instanceof UserError) {
        throw (UserError) e;
      }
      throw new UserError("cannot launch " + containerId + " through containerd: " + e.getMessage(), e);
    }
  }

  @Override
  public void cleanupLeftovers() {
    List<String> dead = RunTag.deadTags();
    if (!dead.isEmpty()) {
      for (String id : ctr.containers()) {
        if (ContainerNames.isOfDeadRun(id, dead)) {
          ctr.remove(id);
        }
      }
      IsolatedLink.removeLeftovers(dead);
    }
    OwnerMark.killOrphans();
  }

  /** The daemon behind the socket this driver talks to: shared by every instance. */
  @Override
  public ProcessTree sharedProcesses() {
    return new ProcessTree(SocketOwners.listeningOn(ctr.address()));
  }

  @Override
  public Map<String, String> facts() {
    return Collections.unmodifiableMap(facts);
  }

  @Override
  public void close() {
    try (var s = Files.walk(logs)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Logs left in the run's work directory are harmless.
    }
  }
}
