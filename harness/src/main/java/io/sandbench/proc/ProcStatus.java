package io.sandbench.proc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** VmSize and VmRSS of a process, in bytes, from /proc/PID/status (what the article quotes). */
public record ProcStatus(long vmSizeBytes, long vmRssBytes) {

  /** Empty if the process has gone; 0 for fields a kernel thread does not have. */
  public static Optional<ProcStatus> read(long pid) {
    ProcFile f = new ProcFile();
    if (!f.read("/proc/" + pid + "/status")) {
      return Optional.empty();
    }
    return Optional.of(parse(new String(f.bytes(), 0, f.length(), StandardCharsets.UTF_8)));
  }

  static ProcStatus parse(String text) {
    long size = 0;
    long rss = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("VmSize:")) {
        size = KiloBytes.parse(line);
      } else if (line.startsWith("VmRSS:")) {
        rss = KiloBytes.parse(line);
      }
    }
    return new ProcStatus(size, rss);
  }
}
