package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.exec.NativeHelper;
import io.sandbench.host.Binary;
import io.sandbench.host.BinaryProbe;
import io.sandbench.host.Host;
import io.sandbench.host.HostReport;
import io.sandbench.report.Json;
import io.sandbench.report.MarkdownTable;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sandbench doctor}: the host's facts and which runtime binaries are here, with the fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    header = "This host and every runtime binary: version, or what to install.",
    description = {
      "Shows this host (CPU, memory, kernel, virtualization, /dev/kvm, cgroups, clock source) and"
          + " every runtime binary sandbench can use: found with its version, or missing with what"
          + " to install.",
      "Each version command has a deadline; one that hangs is reported as timed out."
    })
public final class DoctorCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--search-path",
      paramLabel = "DIRS",
      description = "Directories to look for binaries in, ':'-separated (default: $PATH and the sbin directories).")
  String searchPath;

  @Option(
      names = "--probe-deadline",
      paramLabel = "SECONDS",
      defaultValue = "3",
      description = "How long each version command may take (default: ${DEFAULT-VALUE} s).")
  double probeDeadlineSeconds;

  @Override
  public void run() {
    if (!(probeDeadlineSeconds > 0 && probeDeadlineSeconds <= 60)) {
      throw new UserError("--probe-deadline " + probeDeadlineSeconds + " is out of range; give 0 < SECONDS <= 60");
    }
    Duration deadline = Duration.ofMillis(Math.round(probeDeadlineSeconds * 1000));
    BinaryProbe probe =
        searchPath == null ? BinaryProbe.onPath(deadline) : new BinaryProbe(dirs(searchPath), deadline);
    HostReport report = HostReport.gather(probe);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.write(report) : table(report));
    out.flush();
  }

  static String table(HostReport r) {
    Host h = r.host();
    MarkdownTable t = new MarkdownTable("what", "status", "version or detail", "fix");
    t.row("cpu", "", h.cpuModel() + ", " + h.cores() + " cores", "");
    t.row("memory", "", String.format(Locale.ROOT, "%.1f GiB", h.memoryBytes() / (double) (1L << 30)), "");
    t.row("kernel", "", h.kernel(), "");
    t.row("os", "", h.os(), "");
    t.row("java", "", h.javaVersion(), "");
    t.row("virtualization", "", h.virtualization(), "");
    t.row(
        "kvm",
        h.kvm().usable() ? "usable" : "unusable",
        h.kvm().description(),
        h.kvm().usable()
            ? ""
            : "microVMs need KVM: run on bare metal or a host with nested virtualization (QEMU alone falls back to slow TCG)");
    t.row("cgroup", "", h.cgroup(), "");
    t.row("clock source", "", h.clockSource(), "");
    boolean helper = NativeHelper.get().isPresent();
    t.row(
        "launcher",
        helper ? "native helper" : "JDK fallback",
        NativeHelper.description(),
        helper ? "" : "apt-get install gcc libc6-dev, then ./mvnw -B -ntp -DskipTests package");
    for (Binary b : r.binaries()) {
      String status = b.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      String detail = b.usable() ? (b.version().isEmpty() ? "(no version option)" : b.version()) + " — " + b.path() : b.reason();
      t.row(b.name(), status, detail, b.usable() ? "" : b.status() == Binary.Status.MISSING ? b.installHint() : "check " + b.path());
    }
    return t.render();
  }

  private static List<Path> dirs(String spec) {
    List<Path> out = new ArrayList<>();
    for (String d : spec.split(File.pathSeparator)) {
      if (!d.isEmpty()) {
        out.add(Path.of(d));
      }
    }
    return out;
  }
}
