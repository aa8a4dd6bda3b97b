package io.sandbench.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a directory tree as a gzip-compressed cpio "newc" archive, the format the kernel unpacks
 * into its initial root file system. Written in Java so that no root is needed for the device node
 * the kernel opens before init ({@code /dev/console}), and so that the bytes depend only on the
 * tree (owner root, time 0, sorted names): the same tree gives the same archive.
 */
public final class Initramfs {
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;

  private final OutputStream out;
  private long written;
  private int inode = 1;

  private Initramfs(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code tree} (plus /dev/console) to {@code archive}. */
  public static void write(Path tree, Path archive) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive);
        GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16)) {
      Initramfs cpio = new Initramfs(gz);
      List<Path> entries;
      try (Stream<Path> walk = Files.walk(tree)) {
        entries = walk.filter(p -> !p.equals(tree)).sorted().collect(Collectors.toList());
      }
      boolean hasDev = false;
      for (Path p : entries) {
        String name = tree.relativize(p).toString();
        hasDev |= name.equals("dev");
        cpio.add(name, p);
      }
      if (!hasDev) {
        cpio.header("dev", S_IFDIR | 0755, 0, 0, 0, 2);
      }
      cpio.header("dev/console", S_IFCHR | 0600, 0, 5, 1, 1);
      cpio.header("TRAILER!!!", 0, 0, 0, 0, 1);
    }
  }

  private void add(String name, Path p) throws IOException {
    if (Files.isSymbolicLink(p)) {
      byte[] target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
      header(name, S_IFLNK | 0777, target.length, 0, 0, 1);
      data(target);
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      header(name, S_IFDIR | mode(p), 0, 0, 0, 2);
    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      long size = Files.size(p);
      header(name, S_IFREG | mode(p), size, 0, 0, 1);
      long copied = Files.copy(p, out);
      written += copied;
      pad();
    }
    // Sockets, fifos, device files of the host tree are not carried into a guest.
  }

  private static int mode(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int m = 0;
    for (PosixFilePermission perm : perms) {
      m |= 1 << (8 - perm.ordinal());
    }
    return m;
  }

  private void header(String name, int mode, long size, int rdevMajor, int rdevMinor, int nlink)
      throws IOException {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("070701");
    for (long field :
        new long[] {
          inode++, mode, 0, 0, nlink, 0, size, 0, 0, rdevMajor, rdevMinor, nameBytes.length, 0
        }) {
      h.append(String.format("%08x", field));
    }
    byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] both = new byte[head.length + nameBytes.length];
    System.arraycopy(head, 0, both, 0, head.length);
    System.arraycopy(nameBytes, 0, both, head.length, nameBytes.length);
    data(both); // header and name are padded together to 4 bytes
  }

  private void data(byte[] bytes) throws IOException {
    out.write(bytes);
    written += bytes.length;
    pad();
  }

  private void pad() throws IOException {
    while (written % 4 != 0) {
      out.write(0);
      written++;
    }
  }
}
