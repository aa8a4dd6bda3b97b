package io.sandbench.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Any server command the user gives, with {@code {port}} (and optionally {@code {bind}}) in its
 * arguments. It runs where it is; runtimes that need a self-contained tree cannot take it.
 */
public final class CommandWorkload implements Workload {
  private final ArgvTemplate template;

  public CommandWorkload(String command) {
    this.template = ArgvTemplate.parse("--command", command).requiring("--command", "port");
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public Path root() {
    return Path.of("").toAbsolutePath();
  }

  @Override
  public List<String> command(Path root, String bind, int port) {
    return template.fill(Map.of("port", Integer.toString(port), "bind", bind));
  }

  @Override
  public String toString() {
    return "command: " + template.source();
  }
}
