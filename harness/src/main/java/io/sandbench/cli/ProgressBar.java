package io.sandbench.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal, so that redirected
 * output and CI logs carry results only. Redrawn at most every 100 ms.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final long total;
  private final boolean enabled;
  private long lastDraw;
  private String label = "";

  public ProgressBar(PrintStream err, long total) {
    this.err = err;
    this.total = Math.max(1, total);
    this.enabled = stderrIsTerminal();
  }

  public void label(String label) {
    this.label = label;
  }

  public synchronized void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + done + "/" + total + " " + label + "\u001b[K");
    err.flush();
  }

  /** Clears the bar so the next line printed starts clean. */
  public synchronized void clear() {
    if (enabled) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }

  /** Whether file descriptor 2 is a terminal (Linux: it links to a tty or pts device). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }
}
