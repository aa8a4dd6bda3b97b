package io.sandbench.image;

import io.sandbench.SandbenchDirs;
import io.sandbench.UserError;
import io.sandbench.scenario.ElfBinary;
import io.sandbench.scenario.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A container root filesystem holding one workload, built once and shared read-only by every
 * instance of every run (each instance has only its own config.json): 64 instances do not copy
 * 64 trees.
 *
 * <p>Layout: the workload's tree under {@value #WORKLOAD_DIR}, empty mount points (proc, dev, sys,
 * tmp, run), a minimal /etc. A workload that is not one static binary (webd's launcher script and
 * JVM) also needs the host's /usr, bind-mounted read-only at run time, with Debian's merged-usr
 * links (bin, sbin, lib, lib64) in the rootfs; {@link #needsHostUsr()} says so.
 *
 * <p>Cached by content: the directory name is a hash of the layout version and of every file of
 * the workload tree (path, mode, size, modification time), under {@code <cache>/rootfs/}. Built in
 * a temp directory and renamed into place, so a half-built rootfs is never used.
 */
public record Rootfs(Path dir, String hash, boolean needsHostUsr) {
  /** Where the workload's tree sits inside the container. */
  public static final String WORKLOAD_DIR = "/workload";

  private static final String LAYOUT_VERSION = "rootfs-1";
  private static final List<String> MOUNT_POINTS = List.of("proc", "dev", "sys", "tmp", "run", "usr");
  private static final List<String> MERGED_USR_LINKS = List.of("bin", "sbin", "lib", "lib64");

  /** The workload's root as the container sees it. */
  public Path workloadRoot() {
    return Path.of(WORKLOAD_DIR);
  }

  /** The rootfs for {@code workload} in the default cache, built on first use. */
  public static Rootfs of(Workload workload) {
    return of(workload, SandbenchDirs.cache().resolve("rootfs"));
  }

  public static Rootfs of(Workload workload, Path cacheDir) {
    Path tree = workload.root();
    boolean hostUsr = needsHostUsr(workload, tree);
    String hash = hash(tree, hostUsr);
    Path dir = cacheDir.resolve(hash);
    if (!Files.isDirectory(dir.resolve("workload"))) {
      try {
        build(tree, hostUsr, dir);
      } catch (IOException e) {
        throw new UserError(
            "cannot build the container rootfs in "
                + cacheDir
                + ": "
                + e.getMessage()
                + "; set SANDBENCH_CACHE to a writable directory");
      }
    }
    return new Rootfs(dir, hash, hostUsr);
  }

  /** A static binary needs nothing else; a script or a dynamic binary needs the host's libraries. */
  private static boolean needsHostUsr(Workload workload, Path tree) {
    Path main = Path.of(workload.command(tree, "127.0.0.1", 1).get(0));
    return !(main.startsWith(tree) && ElfBinary.isStatic(main));
  }

  private static void build(Path tree, boolean hostUsr, Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), ".build-");
    try {
      for (String m : MOUNT_POINTS) {
        Files.createDirectories(tmp.resolve(m));
      }
      if (hostUsr) {
        for (String l : MERGED_USR_LINKS) {
          Files.createSymbolicLink(tmp.resolve(l), Path.of("usr/" + l));
        }
      }
      Path etc = Files.createDirectories(tmp.resolve("etc"));
      Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
      Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/:/bin/sh\n");
      Files.writeString(etc.resolve("group"), "root:x:0:\n");
      copyTree(tree, tmp.resolve("workload"));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // Another run built the same content meanwhile: theirs is as good as ours.
        deleteTree(tmp);
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /** Hash of the inputs: layout version, host-usr choice, and each file's path, mode, size, mtime. */
  static String hash(Path tree, boolean hostUsr) {
    try (Stream<Path> s = Files.walk(tree)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((LAYOUT_VERSION + "\0" + hostUsr + "\0").getBytes(StandardCharsets.UTF_8));
      for (Path p : (Iterable<Path>) s.sorted(Comparator.comparing(Path::toString))::iterator) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String entry =
            tree.relativize(p)
                + "\0"
                + (a.isSymbolicLink() ? "l" + Files.readSymbolicLink(p) : a.isDirectory() ? "d" : "f")
                + "\0"
                + (Files.isExecutable(p) ? "x" : "-")
                + "\0"
                + (a.isRegularFile() ? a.size() + "\0" + a.lastModifiedTime().toMillis() : "")
                + "\n";
        md.update(entry.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UserError("cannot read the workload tree " + tree + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A stray temp directory in the cache is harmless.
    }
  }
}
