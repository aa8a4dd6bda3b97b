package io.sandbench.cli;

import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Runtimes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists every runtime sandbench knows, whether it runs here, and if not why and the fix. */
@Command(
    name = "runtimes",
    mixinStandardHelpOptions = true,
    description = "List every runtime known, available here or not, with the reason and the fix.")
public final class RuntimesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Host host = Host.detect();
    out.printf("%-18s %-10s %s%n", "RUNTIME", "STATUS", "VERSION / REASON");
    for (Runtime r : Runtimes.all()) {
      Availability a = r.probe(host);
      if (a.available()) {
        out.printf("%-18s %-10s %s%n", r.name(), "available", a.version());
      } else {
        out.printf(
            "%-18s %-10s %s%n", r.name(), "missing", a.reason() + (a.fix().isEmpty() ? "" : "; " + a.fix()));
      }
      out.printf("%-18s %-10s   %s%n", "", "", r.summary());
    }
    out.flush();
  }
}
