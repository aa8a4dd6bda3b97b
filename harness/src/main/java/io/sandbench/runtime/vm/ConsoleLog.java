package io.sandbench.runtime.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's serial console, which its VMM writes to a file: a daemon thread follows the file and
 * notes when each line arrived on the host (System.nanoTime), so guest boot markers can be placed
 * on the host's time line. Reading a file, not a pipe: the VMM never blocks on us.
 */
public final class ConsoleLog implements AutoCloseable {
  /** One console line and when the host saw it. */
  public record Line(String text, long arrivedNanos) {}

  private static final long POLL_MILLIS = 5;
  private static final int MAX_LINES = 5000;
  private final Path file;
  private final List<Line> lines = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final Thread follower;
  private volatile boolean stopped;
  private long offset;

  public ConsoleLog(Path file, String threadName) {
    this.file = file;
    this.follower = new Thread(this::follow, threadName);
    follower.setDaemon(true);
    follower.start();
  }

  private void follow() {
    while (!stopped) {
      readNew();
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Reads whatever the VMM appended since the last call. */
  synchronized void readNew() {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      if (len <= offset) {
        return;
      }
      byte[] buf = new byte[(int) Math.min(len - offset, 1 << 20)];
      f.seek(offset);
      f.readFully(buf);
      offset += buf.length;
      long now = System.nanoTime();
      partial.append(new String(buf, StandardCharsets.UTF_8));
      int nl;
      while ((nl = partial.indexOf("\n")) >= 0) {
        String text = partial.substring(0, nl).replace("\r", "");
        partial.delete(0, nl + 1);
        if (lines.size() >= MAX_LINES) {
          lines.remove(0);
        }
        lines.add(new Line(text, now));
      }
    } catch (IOException e) {
      // Not created yet by the VMM: try again at the next poll.
    }
  }

  /** Every complete line seen so far. */
  public synchronized List<Line> lines() {
    readNew();
    return List.copyOf(lines);
  }

  /** The last {@code n} lines, the unfinished one included. */
  public synchronized String tail(int n) {
    readNew();
    List<String> all = new ArrayList<>();
    lines.forEach(l -> all.add(l.text()));
    if (partial.length() > 0) {
      all.add(partial.toString());
    }
    return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
  }

  @Override
  public void close() {
    stopped = true;
    follower.interrupt();
    readNew();
  }
}
