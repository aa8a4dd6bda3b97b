package io.sandbench.proc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A process's command line as ps shows it: /proc/PID/cmdline with NULs as spaces, else [comm]. */
public final class ProcessCommand {
  private ProcessCommand() {}

  public static Optional<String> read(long pid) {
    ProcFile f = new ProcFile();
    if (f.read("/proc/" + pid + "/cmdline") && f.length() > 0) {
      byte[] b = f.bytes();
      int len = f.length();
      while (len > 0 && b[len - 1] == 0) {
        len--;
      }
      for (int i = 0; i < len; i++) {
        if (b[i] == 0) {
          b[i] = ' ';
        }
      }
      return Optional.of(new String(b, 0, len, StandardCharsets.UTF_8));
    }
    // Kernel threads and zombies have an empty cmdline: fall back to the short name, as ps does.
    if (f.read("/proc/" + pid + "/comm") && f.length() > 0) {
      String comm = new String(f.bytes(), 0, f.length(), StandardCharsets.UTF_8).strip();
      return Optional.of("[" + comm + "]");
    }
    return Optional.empty();
  }
}
