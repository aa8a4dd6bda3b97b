package io.sandbench.exec;

import java.nio.file.Path;

/**
 * Where a launched process runs and writes: its working directory (null: sandbench's), its
 * stdout file, and its stderr file (null: the stdout file). Its stdin is always /dev/null.
 */
record ProcessIo(Path dir, Path out, Path err) {
  static ProcessIo oneLog(Path log) {
    return new ProcessIo(null, log, null);
  }
}
