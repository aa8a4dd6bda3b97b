package io.sandbench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The memory a VMM costs beyond the guest's own, by Firecracker's method: the guest's memory is
 * the one anonymous mapping of exactly the guest's size in the VMM's /proc/PID/smaps; everything
 * else resident (the VMM's code, heap, device emulation, QEMU's TCG code buffer) is overhead.
 *
 * @param guestRssKib resident part of the guest memory mapping
 * @param overheadRssKib resident memory of every other mapping
 * @param overheadPssKib the same, proportional (shared libraries split among their users)
 */
public record VmmOverhead(long guestRssKib, long overheadRssKib, long overheadPssKib) {

  public long totalRssKib() {
    return guestRssKib + overheadRssKib;
  }

  /** Reads /proc/{pid}/smaps; empty when the process is gone or has no mapping of that size. */
  public static Optional<VmmOverhead> of(long pid, long guestMemoryMib) {
    try {
      return parse(Files.readString(Path.of("/proc/" + pid + "/smaps")), guestMemoryMib);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** From the text of an smaps file. Of several candidate mappings, the most resident is guest RAM. */
  public static Optional<VmmOverhead> parse(String smaps, long guestMemoryMib) {
    long guestKib = guestMemoryMib * 1024;
    long totalRss = 0;
    long totalPss = 0;
    long guestRss = -1;
    long guestPss = 0;
    boolean anonymous = false;
    long size = -1;
    long rss = 0;
    for (String line : smaps.split("\n")) {
      if (isHeader(line)) {
        if (size >= 0 && anonymous && size == guestKib && rss > guestRss) {
          guestRss = rss;
        }
        String[] f = line.trim().split("\\s+", 6);
        anonymous = f.length < 6 || f[5].isBlank();
        size = -1;
        rss = 0;
      } else if (line.startsWith("Size:")) {
        size = kib(line);
      } else if (line.startsWith("Rss:")) {
        rss = kib(line);
        totalRss += rss;
      } else if (line.startsWith("Pss:")) {
        long pss = kib(line);
        totalPss += pss;
        if (anonymous && size == guestKib) {
          guestPss = Math.max(guestPss, pss);
        }
      }
    }
    if (size >= 0 && anonymous && size == guestKib && rss > guestRss) {
      guestRss = rss;
    }
    if (guestRss < 0) {
      return Optional.empty();
    }
    return Optional.of(new VmmOverhead(guestRss, totalRss - guestRss, totalPss - guestPss));
  }

  /** A mapping header: "7f65...-7f65... rw-p 00000000 00:00 0   [path]". */
  private static boolean isHeader(String line) {
    int dash = line.indexOf('-');
    int space = line.indexOf(' ');
    return dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+");
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
