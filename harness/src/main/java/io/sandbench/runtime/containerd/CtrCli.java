package io.sandbench.runtime.containerd;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code ctr} talking to one containerd (its socket) in sandbench's own namespace. */
public record CtrCli(Path ctr, Path address) {
  public static final String NAMESPACE = "sandbench";
  static final Duration DEADLINE = Duration.ofSeconds(20);

  public List<String> argv(String... args) {
    List<String> argv = new ArrayList<>(List.of(ctr.toString(), "--address", address.toString(), "--namespace", NAMESPACE));
    argv.addAll(List.of(args));
    return argv;
  }

  public CommandResult run(String... args) {
    return ExternalCommand.run(argv(args), DEADLINE);
  }

  /** Whether a containerd answers on the socket. */
  public CommandResult version() {
    return ExternalCommand.run(argv("version"), Duration.ofSeconds(5));
  }

  /** Kills the task (SIGKILL), deletes it and the container; each step may find it gone already. */
  public void remove(String containerId) {
    run("task", "delete", "--force", containerId);
    run("container", "delete", containerId);
  }

  public List<String> containers() {
    CommandResult r = run("container", "list", "--quiet");
    List<String> ids = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank()) {
        ids.add(line.strip());
      }
    }
    return ids;
  }
}
