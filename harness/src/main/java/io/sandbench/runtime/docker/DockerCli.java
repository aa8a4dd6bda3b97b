package io.sandbench.runtime.docker;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The docker client talking to one dockerd (its unix socket). */
public record DockerCli(Path docker, Path socket) {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  public List<String> argv(List<String> args) {
    List<String> argv = new ArrayList<>(List.of(docker.toString(), "--host", "unix://" + socket));
    argv.addAll(args);
    return argv;
  }

  public CommandResult run(Duration deadline, String... args) {
    return ExternalCommand.run(argv(List.of(args)), deadline);
  }

  public CommandResult run(String... args) {
    return run(DEADLINE, args);
  }

  /** Kills (SIGKILL) and removes the container; fine when it is gone already. */
  public void remove(String name) {
    run("rm", "--force", name);
  }

  public List<String> containerNames() {
    CommandResult r = run("ps", "--all", "--format", "{{.Names}}");
    List<String> names = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    return names;
  }
}
