package io.sandbench.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A run's short id (6 hex digits), used in every name the run gives to what it creates outside its
 * own process: containers {@code sandbench-<tag>-<i>}, netns, veths and taps {@code sb<tag>...}.
 * The tag is registered with its owner's {@link OwnerMark} in a state directory, so that after a
 * crash the next run can tell a dead run's leftovers (remove them) from a live run's (leave them).
 */
public final class RunTag {
  private static final Path DEFAULT_STATE = Path.of("/run/sandbench/owners");
  private final String value;
  private final Path stateDir;

  private RunTag(String value, Path stateDir) {
    this.value = value;
    this.stateDir = stateDir;
  }

  /** A fresh tag, registered as owned by this process. */
  public static RunTag create() {
    return create(stateDir());
  }

  static RunTag create(Path stateDir) {
    byte[] b = new byte[3];
    new SecureRandom().nextBytes(b);
    RunTag tag = new RunTag(HexFormat.of().formatHex(b), stateDir);
    try {
      Files.createDirectories(stateDir);
      Files.writeString(stateDir.resolve(tag.value), OwnerMark.self());
    } catch (IOException e) {
      // Without the state file a crash's leftovers are still found by name; only less precisely.
    }
    return tag;
  }

  /** Tags registered by runs whose owner process is gone. */
  public static List<String> deadTags() {
    Path dir = stateDir();
    List<String> dead = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String mark = Files.readString(f).strip();
        if (!OwnerMark.isAlive(mark)) {
          dead.add(f.getFileName().toString());
        }
      }
    } catch (IOException e) {
      // No state directory yet: no dead runs.
    }
    return dead;
  }

  /** Forgets a dead run's tag once its leftovers are gone. */
  public static void forget(String tag) {
    try {
      Files.deleteIfExists(stateDir().resolve(tag));
    } catch (IOException ignored) {
      // Harmless: it is dead either way.
    }
  }

  /** Releases this run's registration at a clean end. */
  public void release() {
    try {
      Files.deleteIfExists(stateDir.resolve(value));
    } catch (IOException ignored) {
      // Harmless: the next run sees the owner dead and finds nothing left to remove.
    }
  }

  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }

  private static Path stateDir() {
    String override = System.getenv("SANDBENCH_STATE_DIR");
    return override == null ? DEFAULT_STATE : Path.of(override);
  }
}
