package io.sandbench.proc;

/** The value of a /proc line such as {@code "VmRSS:     4472 kB"}, in bytes. */
final class KiloBytes {
  private KiloBytes() {}

  static long parse(String line) {
    long v = 0;
    boolean seen = false;
    for (int i = line.indexOf(':') + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c >= '0' && c <= '9') {
        v = v * 10 + (c - '0');
        seen = true;
      } else if (seen) {
        break;
      }
    }
    return v * 1024;
  }
}
