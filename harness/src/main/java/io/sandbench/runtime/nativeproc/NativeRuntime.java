package io.sandbench.runtime.nativeproc;

import io.sandbench.UserError;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.OwnerMark;
import io.sandbench.host.Host;
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
import java.util.List;
import java.util.Map;

/** The baseline: the workload as a plain host process on loopback, nothing in between. */
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
    if (!network.equals("host")) {
      throw new UserError(
          "native: network mode '" + network + "' is not supported yet; use --runtime-opt network=host");
    }
    Path root = setup.workload().root();
    return new PreparedNative(setup, root);
  }

  private static final class PreparedNative implements Prepared {
    private static final String BIND = "127.0.0.1";
    private final Setup setup;
    private final Path root;

    PreparedNative(Setup setup, Path root) {
      this.setup = setup;
      this.root = root;
    }

    @Override
    public Instance launch(int id) {
      int port = setup.port(id);
      List<String> argv = setup.workload().command(root, BIND, port);
      Path log = setup.workDir().resolve("instance-" + id + ".log");
      try {
        LaunchedProcess p = LaunchedProcess.start(argv, Map.of(), log);
        return new ProcessInstance(id, URI.create("http://" + BIND + ":" + port + "/"), p);
      } catch (IOException e) {
        throw new UserError("cannot start " + argv.get(0) + ": " + e.getMessage());
      }
    }

    @Override
    public void cleanupLeftovers() {
      OwnerMark.killOrphans();
    }

    @Override
    public Map<String, String> facts() {
      return Map.of(
          "network", "host",
          "bind", BIND,
          "basePort", Integer.toString(setup.basePort()),
          "workloadRoot", root.toString());
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
}
