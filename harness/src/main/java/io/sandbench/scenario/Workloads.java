package io.sandbench.scenario;

import io.sandbench.UserError;
import java.util.List;

/** The workloads users can name with {@code --workload}. */
public final class Workloads {
  public static final List<String> NAMES = List.of("webd", "busybox-httpd", "command");

  private Workloads() {}

  /** The workload named; {@code command} needs the server command ({@code --command}). */
  public static Workload named(String name, String command) {
    switch (name) {
      case "webd":
        return new WebdWorkload();
      case "busybox-httpd":
        return new BusyboxHttpdWorkload();
      case "command":
        if (command == null || command.isBlank()) {
          throw new UserError(
              "--workload command needs --command 'SERVER ARGS' with {port} in its arguments");
        }
        return new CommandWorkload(command);
      default:
        throw new UserError(
            "unknown workload '" + name + "'; known workloads: " + String.join(", ", NAMES));
    }
  }
}
