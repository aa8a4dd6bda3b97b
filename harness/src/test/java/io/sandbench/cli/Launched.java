package io.sandbench.cli;

import io.sandbench.exec.OwnerMark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a sandbench process launched: its marked processes, its native helper left out. */
final class Launched {
  private Launched() {}

  static List<Long> by(long sandbenchPid) {
    List<Long> out = new ArrayList<>();
    for (long p : OwnerMark.markedBy(sandbenchPid)) {
      try {
        if (!Files.readString(Path.of("/proc", Long.toString(p), "comm")).startsWith("sandbench-help")) {
          out.add(p);
        }
      } catch (IOException e) {
        // Gone meanwhile.
      }
    }
    return out;
  }
}
