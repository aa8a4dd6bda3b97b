package io.sandbench.runtime.vm;

import io.sandbench.image.GuestInit;
import io.sandbench.runtime.BootTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a guest's console into its boot phases, as offsets from the launch: {@code vmm-started}
 * (the VMM process exists), {@code kernel-start}, then each marker {@link GuestInit} wrote ({@code
 * init}, {@code modules-loaded}, {@code network-up}, {@code workload-exec}, {@code
 * workload-listening}). The first HTTP 200 seen from the host is the experiment's to add.
 *
 * <p>Markers carry the kernel's printk time (since the kernel started); the host notes when each
 * line arrived. A line cannot arrive before it was written, so the kernel started at most {@code
 * arrival - printk} after the launch: the smallest such value over all markers is taken as the
 * kernel's start, and each marker is placed at kernel start + its printk time.
 *
 * <p>{@code kernel-start} is where the kernel's clock starts: after the VMM's set-up, the firmware
 * (QEMU's qboot or SeaBIOS) and a bzImage's decompressor, which under TCG emulation takes a good
 * part of a second by itself.
 */
public final class BootMarks {
  private static final Pattern MARK =
      Pattern.compile("\\[\\s*(\\d+)\\.(\\d{6})\\]\\s+" + GuestInit.MARK + " (\\S+)");

  private BootMarks() {}

  public static BootTimeline timeline(
      List<ConsoleLog.Line> lines, long launchNanos, long vmmStartedNanos) {
    List<String> names = new ArrayList<>();
    List<Long> printkMicros = new ArrayList<>();
    long kernelStart = Long.MAX_VALUE;
    for (ConsoleLog.Line line : lines) {
      Matcher m = MARK.matcher(line.text());
      if (!m.find()) {
        continue;
      }
      long micros = Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
      long arrival = (line.arrivedNanos() - launchNanos) / 1000;
      kernelStart = Math.min(kernelStart, arrival - micros);
      names.add(m.group(3));
      printkMicros.add(micros);
    }
    List<BootTimeline.Mark> marks = new ArrayList<>();
    marks.add(new BootTimeline.Mark("vmm-started", (vmmStartedNanos - launchNanos) / 1000));
    if (names.isEmpty()) {
      return new BootTimeline(marks);
    }
    kernelStart = Math.max(kernelStart, marks.get(0).micros());
    marks.add(new BootTimeline.Mark("kernel-start", kernelStart));
    for (int i = 0; i < names.size(); i++) {
      marks.add(new BootTimeline.Mark(names.get(i), kernelStart + printkMicros.get(i)));
    }
    return new BootTimeline(marks);
  }

  /** The offset of a named mark, if the timeline has it. */
  public static OptionalLong at(BootTimeline t, String name) {
    return t.marks().stream()
        .filter(m -> m.name().equals(name))
        .mapToLong(BootTimeline.Mark::micros)
        .findFirst();
  }
}
