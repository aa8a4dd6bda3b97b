package io.sandbench.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses, before a launch, a program that is missing or not executable, with the JDK's message:
 * the native helper launches without a reply, so the usual mistakes are caught here, at once.
 * Programs found once are remembered (64 launches of one binary check it once); one that goes
 * away later still fails, as an exit with its reason.
 */
final class Executables {
  private static final Set<String> FOUND = ConcurrentHashMap.newKeySet();

  private Executables() {}

  /** {@code dir}: where the process will run (null: here); a relative path is resolved there. */
  static void check(String program, Path dir) throws IOException {
    String key = dir == null || program.startsWith("/") ? program : dir + "\0" + program;
    if (FOUND.contains(key)) {
      return;
    }
    boolean ok;
    if (program.contains("/")) {
      Path p = dir == null ? Path.of(program) : dir.resolve(program);
      ok = Files.isRegularFile(p) && Files.isExecutable(p);
    } else {
      ok = onPath(program);
    }
    if (ok) {
      FOUND.add(key);
    } else {
      throw new IOException(
          "Cannot run program \"" + program + "\": error=2, No such file or directory");
    }
  }

  private static boolean onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(":", -1)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return true;
      }
    }
    return false;
  }
}
