package io.sandbench.report;

import io.sandbench.measure.InstanceMemory;
import io.sandbench.measure.MarginalCost;
import io.sandbench.measure.MemoryFigures;
import io.sandbench.measure.MemoryResult;
import io.sandbench.measure.MemoryRun;
import io.sandbench.measure.MemoryStep;
import io.sandbench.proc.ProcessMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory experiment as text (the article's smem tables, per step, then the marginal costs),
 * Markdown (the same, with headings), CSV (one row per process per step) and JSON (everything,
 * with the run's host and parameters).
 */
public final class MemoryReport {
  private static final int COMMAND_WIDTH = 48;
  private static final double MIB = 1024.0 * 1024.0;

  private MemoryReport() {}

  /** Tables for the terminal and for Markdown: sizes in KiB as smem and /proc show them. */
  public static String markdown(MemoryResult r, boolean headings) {
    StringBuilder sb = new StringBuilder();
    if (headings) {
      sb.append("# Idle memory: ").append(r.measured().runtime()).append(", ")
          .append(r.info().runtimeFacts().getOrDefault("workload", "")).append("\n\n");
    }
    for (MemoryRun run : runs(r)) {
      for (MemoryStep step : run.steps()) {
        sb.append(headings ? "## " : "").append(stepTitle(run, step)).append("\n\n");
        sb.append(processTable(step).render()).append('\n');
      }
    }
    sb.append(headings ? "## " : "").append("Marginal cost of one more instance (MiB)\n\n");
    sb.append(marginalTable(r).render());
    return sb.toString();
  }

  static String stepTitle(MemoryRun run, MemoryStep s) {
    String idle =
        s.settled()
            ? String.format(Locale.ROOT, "idle after %.1f s", s.settleMillis() / 1000.0)
            : s.settleMillis() == 0
                ? "not waited for idle"
                : String.format(Locale.ROOT, "not idle after %.1f s (%.1f %% CPU per instance)",
                    s.settleMillis() / 1000.0, s.idleCpuPercent());
    return run.runtime() + ", " + s.instances() + " instance" + (s.instances() == 1 ? "" : "s")
        + " (" + idle + ")";
  }

  static MarkdownTable processTable(MemoryStep step) {
    MarkdownTable t =
        new MarkdownTable("instance", "PID", "command", "VmSize KiB", "VmRSS KiB", "Swap KiB",
            "USS KiB", "PSS KiB", "RSS KiB");
    for (InstanceMemory i : step.perInstance()) {
      for (ProcessMemory p : i.processes()) {
        processRow(t, Integer.toString(i.id()), p);
      }
      if (i.processes().size() > 1) {
        MemoryFigures f = i.total();
        t.row(i.id() + " total", "", "", "", "", "", kib(f.uss()), kib(f.pss()), kib(f.rss()));
      }
    }
    for (ProcessMemory p : step.shared()) {
      processRow(t, "shared", p);
    }
    MemoryFigures all = step.total();
    t.row("all", "", "", "", "", "", kib(all.uss()), kib(all.pss()), kib(all.rss()));
    return t;
  }

  private static void processRow(MarkdownTable t, String instance, ProcessMemory p) {
    String cmd = fit(shortCommand(p.command()));
    t.row(instance, p.pid(), cmd, kib(p.vmSize()), kib(p.vmRss()), kib(p.swap()), kib(p.uss()),
        kib(p.pss()), kib(p.rss()));
  }

  /**
   * A long command as its program and the end of its arguments (where a JVM's main class and a
   * server's address are), the middle elided.
   */
  static String fit(String cmd) {
    if (cmd.length() <= COMMAND_WIDTH) {
      return cmd;
    }
    int space = cmd.indexOf(' ');
    String program = space < 0 || space > COMMAND_WIDTH / 2 ? "" : cmd.substring(0, space);
    int keep = COMMAND_WIDTH - program.length() - 3;
    return program + " … " + cmd.substring(cmd.length() - keep);
  }

  /** The command with its program's directory dropped: the arguments say more than the path. */
  static String shortCommand(String command) {
    int space = command.indexOf(' ');
    String program = space < 0 ? command : command.substring(0, space);
    int slash = program.lastIndexOf('/');
    return slash < 0 ? command : command.substring(slash + 1);
  }

  static MarkdownTable marginalTable(MemoryResult r) {
    MarkdownTable t = new MarkdownTable("runtime", "method", "USS MiB", "PSS MiB", "RSS MiB");
    for (MemoryRun run : runs(r)) {
      marginalRows(t, run.runtime(), run.marginal(), run);
    }
    r.overhead().ifPresent(o -> marginalRows(t, r.measured().runtime() + " − native", o, r.measured()));
    return t;
  }

  private static void marginalRows(MarkdownTable t, String name, MarginalCost c, MemoryRun run) {
    List<MemoryStep> s = run.steps();
    int top = s.get(s.size() - 1).instances();
    t.row(name, "one more (" + top + " − " + (top - 1) + ")", mib(c.oneMore().uss()),
        mib(c.oneMore().pss()), mib(c.oneMore().rss()));
    t.row(name, "least-squares slope", mib(c.slope().uss()), mib(c.slope().pss()),
        mib(c.slope().rss()));
  }

  /** One row per process per step: the raw data every figure above derives from. */
  public static String csv(MemoryResult r) {
    CsvTable t =
        new CsvTable(List.of("runtime", "instances", "instance", "pid", "command", "vm_size_bytes",
            "vm_rss_bytes", "uss_bytes", "pss_bytes", "rss_bytes", "shared_bytes", "swap_bytes"));
    for (MemoryRun run : runs(r)) {
      for (MemoryStep step : run.steps()) {
        for (InstanceMemory i : step.perInstance()) {
          for (ProcessMemory p : i.processes()) {
            csvRow(t, run, step, Integer.toString(i.id()), p);
          }
        }
        for (ProcessMemory p : step.shared()) {
          csvRow(t, run, step, "shared", p);
        }
      }
    }
    return t.render();
  }

  private static void csvRow(CsvTable t, MemoryRun run, MemoryStep step, String instance, ProcessMemory p) {
    t.row(run.runtime(), step.instances(), instance, p.pid(), p.command(), p.vmSize(), p.vmRss(),
        p.uss(), p.pss(), p.rss(), p.shared(), p.swap());
  }

  /** Everything, with the host and parameters first. */
  public static String json(MemoryResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("info", r.info());
    List<Object> runs = new ArrayList<>();
    for (MemoryRun run : runs(r)) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("runtime", run.runtime());
      List<Object> steps = new ArrayList<>();
      for (MemoryStep s : run.steps()) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("instances", s.instances());
        sm.put("settled", s.settled());
        sm.put("settleMillis", s.settleMillis());
        sm.put("idleCpuPercentPerInstance", s.idleCpuPercent());
        sm.put("totalBytes", s.total());
        List<Object> inst = new ArrayList<>();
        for (InstanceMemory i : s.perInstance()) {
          Map<String, Object> im = new LinkedHashMap<>();
          im.put("id", i.id());
          im.put("totalBytes", i.total());
          im.put("processes", i.processes());
          inst.add(im);
        }
        sm.put("perInstance", inst);
        sm.put("shared", s.shared());
        steps.add(sm);
      }
      rm.put("steps", steps);
      rm.put("marginalBytes", run.marginal());
      runs.add(rm);
    }
    m.put("runs", runs);
    m.put("overheadBytes", r.overhead().orElse(null));
    return Json.write(m);
  }

  private static List<MemoryRun> runs(MemoryResult r) {
    List<MemoryRun> l = new ArrayList<>();
    l.add(r.measured());
    r.nativeRun().ifPresent(l::add);
    return l;
  }

  private static String kib(double bytes) {
    return String.format(Locale.ROOT, "%d", Math.round(bytes / 1024));
  }

  private static String mib(double bytes) {
    return String.format(Locale.ROOT, "%.2f", bytes / MIB);
  }
}
