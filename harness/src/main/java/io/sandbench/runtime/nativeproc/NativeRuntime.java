package io.sandbench.runtime.nativeproc;

import io.sandbench.UserError;
import io.sandbench.exec.Cleanups;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.host.Host;
import io.sandbench.net.IsolatedLink;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.ProcessInstance;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the workload as a plain host process, nothing in between. With {@code
 * network=host} it listens on loopback; with {@code network=isolated} it runs in a network
 * namespace of its own behind a veth pair (the same link containers get), so native load crosses
 * the same kind of link as containers and VMs, as the article's native traffic went to eth0.
 */
public final class NativeRuntime implements Runtime {
  @Override
  public String name() {
    return "native";
  }

  @Override
  public String summary() {
    return "the workload as a plain host process: the baseline every runtime is compared with";
  }

  @Override
  public Availability probe(Host host) {
    return Availability.ok(host.kernel());
  }

  @Override
  public Prepared prepare(Setup setup) {
    String network = setup.option("network", "host");
    if (!network.equals("host") && !network.equals("isolated")) {
      throw new UserError(
          "native: unknown network mode '" + network + "'; use --runtime-opt network=host or network=isolated");
    }
    return new PreparedNative(setup, setup.workload().root(), network.equals("isolated"));
  }

  private static final class PreparedNative implements Prepared {
    private static final String LOOPBACK = "127.0.0.1";
    private final Setup setup;
    private final Path root;
    private final boolean isolated;

    PreparedNative(Setup setup, Path root, boolean isolated) {
      this.setup = setup;
      this.root = root;
      this.isolated = isolated;
    }

    @Override
    public Instance launch(int id) {
      int port = setup.port(id);
      Path log = setup.workDir().resolve("instance-" + id + ".log");
      if (!isolated) {
        List<String> argv = setup.workload().command(root, LOOPBACK, port);
        return new ProcessInstance(id, endpoint(LOOPBACK, port), start(argv, log));
      }
      IsolatedLink link = IsolatedLink.create(setup.runId(), id);
      Cleanups.Registration linkReg = Cleanups.register("netns of instance " + id, link);
      try {
        String address = link.instanceAddress();
        List<String> argv = link.enter(setup.workload().command(root, address, port));
        return new IsolatedInstance(id, endpoint(address, port), start(argv, log), linkReg);
      } catch (RuntimeException e) {
        linkReg.close();
        throw e;
      }
    }

    private static URI endpoint(String address, int port) {
      return URI.create("http://" + address + ":" + port + "/");
    }

    private static LaunchedProcess start(List<String> argv, Path log) {
      try {
        return LaunchedProcess.start(argv, Map.of(), log);
      } catch (IOException e) {
        throw new UserError("cannot start " + argv.get(0) + ": " + e.getMessage());
      }
    }

    @Override
    public void cleanupLeftovers() {
      OwnerMark.killOrphans();
      IsolatedLink.removeLeftovers(RunTag.deadTags());
    }

    @Override
    public Map<String, String> facts() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("network", isolated ? "isolated" : "host");
      if (isolated) {
        f.put("link", "netns + veth per instance, a /30 each; netns setup counted in startup");
      } else {
        f.put("bind", LOOPBACK);
        f.put("basePort", Integer.toString(setup.basePort()));
      }
      f.put("workloadRoot", root.toString());
      return f;
    }

    @Override
    public void close() {
      try (var logs = Files.newDirectoryStream(setup.workDir(), "instance-*.log")) {
        for (Path p : logs) {
          Files.deleteIfExists(p);
        }
      } catch (IOException ignored) {
        // Logs left in the run's work directory are harmless.
      }
    }
  }

  /** A native instance in its own netns: the process goes first, then its link. */
  private static final class IsolatedInstance extends ProcessInstance {
    private final Cleanups.Registration link;

    IsolatedInstance(int id, URI endpoint, LaunchedProcess process, Cleanups.Registration link) {
      super(id, endpoint, process);
      this.link = link;
    }

    @Override
    public void close() {
      super.close();
      link.close();
    }
  }
}
