package io.sandbench.report;

import io.sandbench.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file in the same
 * directory, is forced to disk, and is then renamed over the target (atomic on one file system).
 * A reader sees the old file or the new one, never half of one; on failure the temporary file is
 * removed and the old file is left as it was.
 */
public final class AtomicFile {
  /** Writes the content to the stream it is given; may throw to abandon the write. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Refuses, with a one-line {@link UserError}, an output path whose directory does not exist or
   * is not writable, or that is itself a directory. The CLI calls it while validating flags, so a
   * run never starts only to fail at the end.
   */
  public static void checkWritable(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null) {
      throw new UserError("cannot write " + target + ": it has no parent directory; give a file path");
    }
    if (!Files.isDirectory(dir)) {
      throw new UserError(
          "cannot write " + target + ": directory " + dir + " does not exist; create it (mkdir -p " + dir + ") or choose another path");
    }
    if (Files.isDirectory(abs)) {
      throw new UserError("cannot write " + target + ": it is a directory; give a file name");
    }
    // Try it rather than trust the mode bits: root passes access(2) on read-only mounts and /proc.
    try {
      Files.delete(Files.createTempFile(dir, ".sandbench-check.", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new UserError(
          "cannot write " + target + ": directory " + dir + " is not writable (" + e.getClass().getSimpleName() + "); choose a writable directory");
    }
  }

  /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes {@code content} to {@code target}, atomically.
   *
   * @throws UserError when the directory is unusable or the write fails (disk full, I/O error)
   */
  public static void write(Path target, Content content) {
    checkWritable(target);
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      // createTempFile makes the file private (0600); an export is an ordinary file (0644).
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system: its default applies.
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UserError("could not write " + target + ": " + e.getMessage() + "; check free space and permissions", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the write already failed and says so.
        }
      }
    }
  }

  /** Makes the rename itself durable; not every file system allows opening a directory. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException ignored) {
      // The file's content is on disk already; only the rename's durability is at stake.
    }
  }
}
