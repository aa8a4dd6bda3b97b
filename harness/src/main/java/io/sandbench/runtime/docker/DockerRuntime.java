package io.sandbench.runtime.docker;

import io.sandbench.exec.CommandResult;
import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.oci.OciBinary;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Containers through a running dockerd: {@code docker run -d --network host --read-only
 * --runtime R} of an image imported from the shared rootfs (no pull). sandbench starts no
 * daemon: the socket is $SANDBENCH_DOCKER_SOCKET or /var/run/docker.sock.
 */
public final class DockerRuntime implements Runtime {
  public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
  private final Path socket;
  private final OciBinary docker;

  public DockerRuntime() {
    this(defaultSocket(), null);
  }

  /** A dockerd at {@code socket}; {@code docker} null: the client from the search path. */
  public DockerRuntime(Path socket, Path docker) {
    this.socket = socket;
    this.docker = new OciBinary("docker", docker);
  }

  static Path defaultSocket() {
    String s = System.getenv("SANDBENCH_DOCKER_SOCKET");
    return s == null || s.isBlank() ? DEFAULT_SOCKET : Path.of(s);
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public String summary() {
    return "containers through a running dockerd (docker run, image imported from the rootfs); --runtime-opt runtime=runc";
  }

  @Override
  public Availability probe(Host host) {
    Availability a = docker.availability();
    if (!a.available()) {
      return a;
    }
    String start =
        "start one (dockerd, from apt-get install docker.io) or set SANDBENCH_DOCKER_SOCKET to its socket";
    if (!Files.exists(socket)) {
      return Availability.missing("no dockerd socket at " + socket, start);
    }
    CommandResult r = cli().run("version", "--format", "{{.Server.Version}}");
    if (!r.ok()) {
      return Availability.missing("dockerd at " + socket + " does not answer: " + r.describe(), start);
    }
    return Availability.ok("dockerd " + r.stdout().strip());
  }

  DockerCli cli() {
    return new DockerCli(docker.require(), socket);
  }

  @Override
  public Prepared prepare(Setup setup) {
    return new DockerPrepared(setup, cli());
  }
}
