package io.sandbench.runtime.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root (effective uid 0), from /proc: no external command. */
public final class RootUser {
  private RootUser() {}

  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException e) {
      // Unknown: let the runtime itself say what fails.
    }
    return true;
  }
}
