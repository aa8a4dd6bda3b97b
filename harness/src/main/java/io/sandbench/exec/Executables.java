package io.sandbench.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which file a program name stands for, found the way exec finds it (a name with a '/' is a path,
 * relative to the directory the process runs in; a bare name is searched on PATH). The native
 * helper launches without a reply, so a missing program is refused here, at once, with the JDK's
 * message; and the helper execs the file found here instead of searching PATH a second time.
 * Programs found once are remembered (64 launches of one binary look once); one that goes away
 * later still fails, as an exit with its reason.
 */
public final class Executables {
  private static final Map<String, Path> FOUND = new ConcurrentHashMap<>();

  private Executables() {}

  /** The executable file {@code program} names when run in {@code dir} (null: here). */
  static Path resolve(String program, Path dir) throws IOException {
    String key = dir == null || program.startsWith("/") ? program : dir + "\0" + program;
    Path known = FOUND.get(key);
    if (known != null) {
      return known;
    }
    Optional<Path> found;
    if (program.contains("/")) {
      Path p = dir == null ? Path.of(program) : dir.resolve(program);
      found = isExecutableFile(p) ? Optional.of(p) : Optional.empty();
    } else {
      found = locate(program, pathDirs());
    }
    if (found.isEmpty()) {
      throw new IOException(
          "Cannot run program \"" + program + "\": error=2, No such file or directory");
    }
    Path file = found.get().toAbsolutePath();
    FOUND.put(key, file);
    return file;
  }

  /** The first executable regular file named {@code name} in {@code dirs}. */
  public static Optional<Path> locate(String name, List<Path> dirs) {
    for (Path dir : dirs) {
      Path p = dir.resolve(name);
      if (isExecutableFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** PATH's directories in order, as exec searches them (an empty entry is the current one). */
  static List<Path> pathDirs() {
    List<Path> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":", -1)) {
      dirs.add(Path.of(d.isEmpty() ? "." : d));
    }
    return dirs;
  }

  private static boolean isExecutableFile(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
