package io.sandbench.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where guest kernels and images are kept between runs: {@link io.sandbench.SandbenchDirs#cache()}. Entries are built in a temp directory named after the building
 * process and renamed into place, so a crash leaves no half-built entry, only a temp directory
 * that {@link #removeDeadTemps()} finds by its dead owner's pid.
 */
public final class GuestCache {
  private static final String TEMP_PREFIX = "tmp-";

  private GuestCache() {}

  public static Path root() {
    Path dir = io.sandbench.SandbenchDirs.cache();
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create cache directory " + dir, e);
    }
  }

  /** A fresh temp directory inside {@code parent}, on the same file system as the final entry. */
  static Path newTemp(Path parent) throws IOException {
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, TEMP_PREFIX + ProcessHandle.current().pid() + "-");
  }

  /** Moves a finished temp directory into place; a racing builder's entry wins, ours is dropped. */
  static void publish(Path temp, Path entry) throws IOException {
    try {
      Files.move(temp, entry, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(entry)) {
        throw e;
      }
      deleteTree(temp);
    }
  }

  /** Removes temp directories left by builders that died (their pid is gone). */
  public static void removeDeadTemps() {
    // Only the guest builders' own directories: the cache is shared with other image builders.
    for (String mine : new String[] {"kernel", "guest"}) {
      Path dir = root().resolve(mine);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> all = Files.list(dir)) {
        all.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
            .filter(p -> !ownerAlive(p.getFileName().toString()))
            .forEach(GuestCache::deleteTree);
      } catch (IOException | UncheckedIOException e) {
        // Nothing to clean.
      }
    }
  }

  private static boolean ownerAlive(String name) {
    String[] parts = name.split("-");
    try {
      return ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false);
    } catch (RuntimeException e) {
      return true;
    }
  }

  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Reported below when the root stays.
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Fall through.
    }
  }
}
