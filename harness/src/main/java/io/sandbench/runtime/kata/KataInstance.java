package io.sandbench.runtime.kata;

import io.sandbench.exec.Cleanups;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One Kata container. Its host processes are the shim (and the VMM it starts), found by the
 * container id on their command lines, as the article counted them with ps and smem.
 */
final class KataInstance implements Instance {
  private final int id;
  private final int port;
  private final String containerId;
  private final String name;
  private final KataCommand cmd;
  private final Cleanups.Registration registration;

  KataInstance(int id, int port, String containerId, String name, KataCommand cmd, long launched) {
    this.id = id;
    this.port = port;
    this.containerId = containerId;
    this.name = name;
    this.cmd = cmd;
    this.registration = Cleanups.register("kata container " + name, this::remove);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public ProcessTree processes() {
    return new ProcessTree(pidsMentioning(containerId));
  }

  /** Processes whose command line names the container (the shim carries {@code -id <id>}). */
  static List<Long> pidsMentioning(String containerId) {
    List<Long> pids = new ArrayList<>();
    if (containerId.isEmpty()) {
      return pids;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : dirs) {
        try {
          String cmdline = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(containerId)) {
            pids.add(Long.parseLong(d.getFileName().toString()));
          }
        } catch (IOException | RuntimeException e) {
          // Gone meanwhile.
        }
      }
    } catch (IOException e) {
      // No /proc: nothing to report.
    }
    return pids;
  }

  @Override
  public OptionalInt exitCode() {
    var r = ExternalCommand.run(
        List.of(cmd.docker(), "inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", name),
        KataPrepared.DOCKER_DEADLINE);
    String[] s = r.stdout().strip().split(" ");
    if (!r.ok() || s.length < 2) {
      return OptionalInt.of(-1); // gone (--rm)
    }
    return s[0].equals("true") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s[1]));
  }

  @Override
  public String outputTail(int lines) {
    var r = ExternalCommand.run(List.of(cmd.docker(), "logs", "--tail", "" + lines, name), KataPrepared.DOCKER_DEADLINE);
    return (r.stdout() + r.stderr()).strip();
  }

  private void remove() {
    ExternalCommand.run(cmd.remove(name), KataPrepared.DOCKER_DEADLINE);
  }

  @Override
  public void close() {
    registration.close();
  }
}
