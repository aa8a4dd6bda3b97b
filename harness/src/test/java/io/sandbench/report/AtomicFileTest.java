package io.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void writesAndReplaces() throws IOException {
    Path f = dir.resolve("out.json");
    AtomicFile.writeString(f, "one");
    AtomicFile.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    assertEquals(List.of(f), files());
  }

  @Test
  void anExportIsReadableByOthersLikeAnOrdinaryFile() throws IOException {
    Path f = dir.resolve("shared.md");
    AtomicFile.writeString(f, "x");
    assertEquals("rw-r--r--",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
    Path f = dir.resolve("out.csv");
    Files.writeString(f, "old content");
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                AtomicFile.write(
                    f,
                    out -> {
                      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    assertEquals("old content", Files.readString(f));
    assertEquals(List.of(f), files());
  }

  @Test
  void aFailedFirstWriteLeavesNothing() throws IOException {
    Path f = dir.resolve("new.md");
    assertThrows(
        IllegalStateException.class,
        () ->
            AtomicFile.write(
                f,
                out -> {
                  out.write(1);
                  throw new IllegalStateException("exporter bug");
                }));
    assertEquals(List.of(), files());
  }

  @Test
  void refusesAMissingDirectoryWithOneLineThatSaysHowToFix() {
    Path f = dir.resolve("no/such/dir/out.json");
    UserError e = assertThrows(UserError.class, () -> AtomicFile.checkWritable(f));
    assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("mkdir -p"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    assertThrows(UserError.class, () -> AtomicFile.writeString(f, "x"));
  }

  @Test
  void refusesADirectoryAsTarget() {
    UserError e = assertThrows(UserError.class, () -> AtomicFile.checkWritable(dir));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void refusesAReadOnlyDirectory() throws IOException {
    // root writes anywhere whatever the mode bits say; /proc refuses new files even to root.
    Path ro = dir.resolve("ro");
    Files.createDirectory(ro);
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path target = isRoot() ? Path.of("/proc/sandbench-out.json") : ro.resolve("out.json");
    UserError e = assertThrows(UserError.class, () -> AtomicFile.checkWritable(target));
    assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    assertEquals(List.of(ro), files());
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
