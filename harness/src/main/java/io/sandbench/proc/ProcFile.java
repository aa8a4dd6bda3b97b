package io.sandbench.proc;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads small /proc files into one reused buffer: a sampler that reads every process's stat ten
 * times a second must not allocate a new buffer, reader and string per file.
 */
final class ProcFile {
  private byte[] buf = new byte[4096];
  private int length;

  /** Reads the whole file; false if it cannot be read (the process has gone, or no permission). */
  boolean read(String path) {
    try (FileInputStream in = new FileInputStream(path)) {
      length = 0;
      while (true) {
        if (length == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, length, buf.length - length);
        if (n < 0) {
          return true;
        }
        length += n;
      }
    } catch (IOException e) {
      return false;
    }
  }

  byte[] bytes() {
    return buf;
  }

  int length() {
    return length;
  }
}
