package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.scenario.Workload;
import io.sandbench.scenario.Workloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags every experiment shares: which runtime, which workload, driver options, ports. */
public final class ScenarioOptions {
  @Option(
      names = "--runtime",
      defaultValue = "native",
      description = "Runtime to measure (see: sandbench runtimes). Default: ${DEFAULT-VALUE}.")
  String runtime;

  @Option(
      names = "--workload",
      defaultValue = "webd",
      description = "webd, busybox-httpd or command. Default: ${DEFAULT-VALUE}.")
  String workload;

  @Option(
      names = "--command",
      description = "With --workload command: the server command, with {port} in its arguments.")
  String command;

  @Option(
      names = "--runtime-opt",
      paramLabel = "KEY=VALUE",
      description = "Driver option, repeatable (e.g. network=isolated, platform=ptrace, launch=...).")
  List<String> runtimeOptions = List.of();

  @Option(
      names = "--base-port",
      defaultValue = "9090",
      description = "Instance i listens on base-port + i. Default: ${DEFAULT-VALUE}.")
  int basePort;

  public String runtime() {
    return runtime;
  }

  /** The workload, checked: unknown names and a command without {port} fail here. */
  public Workload workload() {
    return Workloads.named(workload, command);
  }

  public int basePort(int instances) {
    if (basePort < 1 || basePort + instances - 1 > 65535) {
      throw new UserError(
          "--base-port " + basePort + " leaves no room for " + instances
              + " instances below port 65535; choose a lower base port");
    }
    return basePort;
  }

  public Map<String, String> runtimeOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : runtimeOptions) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UserError("--runtime-opt: '" + kv + "' is not KEY=VALUE");
      }
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }

  /** The parameters as recorded in exports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runtime", runtime);
    m.put("workload", workload);
    if (command != null) {
      m.put("command", command);
    }
    m.put("runtimeOptions", runtimeOptions());
    m.put("basePort", basePort);
    return m;
  }
}
