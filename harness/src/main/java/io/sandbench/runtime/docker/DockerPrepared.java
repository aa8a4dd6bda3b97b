package io.sandbench.runtime.docker;

import io.sandbench.proc.ProcessTree;
import io.sandbench.proc.SocketOwners;
import io.sandbench.UserError;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.image.Rootfs;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.containerd.ShimmedInstance;
import io.sandbench.runtime.oci.ContainerNames;
import io.sandbench.runtime.oci.NetworkMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** dockerd prepared for one scenario: the image imported once, each launch one {@code docker run -d}. */
final class DockerPrepared implements Prepared {
  /** dockerd's containerd namespace: its shims carry it. */
  static final String MOBY = "moby";
  private static final String LOOPBACK = "127.0.0.1";
  private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{64}");
  private final Setup setup;
  private final DockerCli docker;
  private final Rootfs rootfs;
  private final String image;
  private final String ociRuntime;
  private final Path logs;
  private final Map<String, String> facts = new LinkedHashMap<>();

  DockerPrepared(Setup setup, DockerCli docker) {
    if (NetworkMode.of(setup) != NetworkMode.HOST) {
      throw new UserError("docker: only --runtime-opt network=host is supported (the daemon runs with no bridge)");
    }
    this.setup = setup;
    this.docker = docker;
    this.ociRuntime = setup.option("runtime", "runc");
    this.rootfs = Rootfs.of(setup.workload());
    this.logs = setup.workDir().resolve("docker-logs");
    this.image = DockerImage.ensure(docker, rootfs, setup.workDir());
    facts.put("network", "host");
    facts.put("bind", LOOPBACK);
    facts.put("basePort", Integer.toString(setup.basePort()));
    facts.put("dockerSocket", docker.socket().toString());
    facts.put("dockerRuntime", ociRuntime);
    facts.put("image", image + " (docker import of " + rootfs.dir() + ")");
    facts.put("launch", "docker run --detach --network host --read-only");
  }

  @Override
  public Instance launch(int id) {
    String name = ContainerNames.of(setup.runId(), id);
    int port = setup.port(id);
    try {
      Files.createDirectories(logs);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "run", "--detach", "--name", name, "--network", "host", "--read-only",
                  "--runtime", ociRuntime, "--tmpfs", "/tmp",
                  "--env", OwnerMark.VARIABLE + "=" + OwnerMark.self()));
      if (rootfs.needsHostUsr()) {
        args.addAll(List.of("--volume", "/usr:/usr:ro"));
      }
      args.add(image);
      args.addAll(setup.workload().command(rootfs.workloadRoot(), LOOPBACK, port));
      Path log = logs.resolve(id + ".docker.log");
      LaunchedProcess starter = LaunchedProcess.start(docker.argv(args), Map.of(), log);
      return new ShimmedInstance(
          id, "docker container " + name, URI.create("http://" + LOOPBACK + ":" + port + "/"), MOBY,
          () -> fullId(starter), starter, () -> docker.remove(name), null);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserError) {
        throw (UserError) e;
      }
      throw new UserError("cannot launch " + name + " through docker: " + e.getMessage(), e);
    }
  }

  /** The container's full id, which {@code docker run -d} prints once it runs; "" until then. */
  private static String fullId(LaunchedProcess starter) {
    if (starter.exitCode().isEmpty()) {
      return "";
    }
    for (String line : starter.outputTail(5).split("\n")) {
      if (FULL_ID.matcher(line.strip()).matches()) {
        return line.strip();
      }
    }
    return "";
  }

  @Override
  public void cleanupLeftovers() {
    List<String> dead = RunTag.deadTags();
    if (!dead.isEmpty()) {
      for (String name : docker.containerNames()) {
        if (ContainerNames.isOfDeadRun(name, dead)) {
          docker.remove(name);
        }
      }
    }
    OwnerMark.killOrphans();
  }

  /** The daemon behind the socket this driver talks to: shared by every instance. */
  @Override
  public ProcessTree sharedProcesses() {
    return new ProcessTree(SocketOwners.listeningOn(docker.socket()));
  }

  @Override
  public Map<String, String> facts() {
    return Collections.unmodifiableMap(facts);
  }

  @Override
  public void close() {
    if (!Files.exists(logs)) {
      return;
    }
    try (var s = Files.walk(logs)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Logs left in the run's work directory are harmless.
    }
  }
}
