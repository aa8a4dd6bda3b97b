package io.sandbench.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The last PID the kernel handed out, from the last field of /proc/loadavg (kept open, read with
 * one positioned read). Unchanged since the previous look means no process was created meanwhile,
 * in this PID namespace or any below it.
 */
final class LastPid implements AutoCloseable {
  private final ByteBuffer buffer = ByteBuffer.allocate(128);
  private FileChannel loadavg;

  LastPid() {
    try {
      loadavg = FileChannel.open(Path.of("/proc/loadavg"));
    } catch (IOException e) {
      loadavg = null;
    }
  }

  /** The last PID, or -1 when it cannot be read (then every caller lists /proc). */
  long read() {
    if (loadavg == null) {
      return -1;
    }
    try {
      buffer.clear();
      int n = loadavg.read(buffer, 0);
      byte[] b = buffer.array();
      while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == ' ')) {
        n--;
      }
      int from = n;
      while (from > 0 && b[from - 1] >= '0' && b[from - 1] <= '9') {
        from--;
      }
      if (from == n) {
        return -1;
      }
      long v = 0;
      for (int i = from; i < n; i++) {
        v = v * 10 + (b[i] - '0');
      }
      return v;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (loadavg != null) {
      try {
        loadavg.close();
      } catch (IOException ignored) {
        // Nothing to do.
      }
    }
  }
}
