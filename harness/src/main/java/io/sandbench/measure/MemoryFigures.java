package io.sandbench.measure;

import io.sandbench.proc.ProcessMemory;
import java.util.Collection;

/** USS, PSS and RSS, in bytes: a sum over processes, a difference, or a per-instance slope. */
public record MemoryFigures(double uss, double pss, double rss) {
  public static final MemoryFigures ZERO = new MemoryFigures(0, 0, 0);

  public static MemoryFigures sum(Collection<ProcessMemory> processes) {
    double uss = 0;
    double pss = 0;
    double rss = 0;
    for (ProcessMemory p : processes) {
      uss += p.uss();
      pss += p.pss();
      rss += p.rss();
    }
    return new MemoryFigures(uss, pss, rss);
  }

  public MemoryFigures plus(MemoryFigures o) {
    return new MemoryFigures(uss + o.uss, pss + o.pss, rss + o.rss);
  }

  public MemoryFigures minus(MemoryFigures o) {
    return new MemoryFigures(uss - o.uss, pss - o.pss, rss - o.rss);
  }
}
