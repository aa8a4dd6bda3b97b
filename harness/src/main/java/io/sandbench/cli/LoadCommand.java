package io.sandbench.cli;

import io.sandbench.workload.webc.Webc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sandbench load URL [flags]}: webc, the load client, run in this JVM with webc's own
 * checks, output and exit codes (0 done, 1 a request failed, 2 bad input or unreachable target).
 */
@Command(
    name = "load",
    description = {
      "Drives HTTP load at a URL (webc): TPS each second, then the total and latency percentiles.",
      "Without --duration or --requests it runs until Ctrl-C. Loopback or addresses you give only."
    })
public final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "http:// URL, e.g. http://127.0.0.1:9090/")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DELAY_MS",
      description = "The article's form: milliseconds between requests (same as --delay-ms).")
  String delayPositional;

  @Option(names = {"-c", "--connections"}, paramLabel = "C",
      description = "Connections, each a closed loop unless --rate (default 1).")
  String connections;

  @Option(names = "--delay-ms", paramLabel = "D", description = "Closed loop: wait D ms after each answer.")
  String delayMs;

  @Option(names = "--rate", paramLabel = "R",
      description = "Open loop: R requests/s in total on a fixed schedule; latency from the scheduled send.")
  String rate;

  @Option(names = "--duration", paramLabel = "T", description = "Stop after T (20s, 500ms, 2m).")
  String duration;

  @Option(names = "--requests", paramLabel = "N", description = "Stop after N requests.")
  String requests;

  @Option(names = "--timeout", paramLabel = "T",
      description = "An answer slower than T fails the run (default 10s).")
  String timeout;

  @Option(names = "--json", description = "One JSON object instead of the per-second and summary lines.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    args.add(url);
    if (delayPositional != null) {
      args.add(delayPositional);
    }
    add(args, "--connections", connections);
    add(args, "--delay-ms", delayMs);
    add(args, "--rate", rate);
    add(args, "--duration", duration);
    add(args, "--requests", requests);
    add(args, "--timeout", timeout);
    if (json) {
      args.add("--json");
    }
    return Webc.run("sandbench", args.toArray(new String[0]),
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private static void add(List<String> args, String name, String value) {
    if (value != null) {
      args.add(name + "=" + value);
    }
  }
}
