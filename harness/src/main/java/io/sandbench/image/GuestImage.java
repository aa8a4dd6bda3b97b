package io.sandbench.image;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.scenario.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A guest ready to boot: the kernel, an initramfs (busybox, the virtio modules, {@link GuestInit},
 * the host libraries the workload needs) and, for a big workload, an ext4 image of its tree
 * (attached as a virtio-blk disk, made with {@code mkfs.ext4 -d}: no mounting, no root needed).
 * Built once and cached under the content hash of everything that goes in.
 *
 * @param rootfs the workload's ext4 image, or empty when the workload is inside the initramfs
 * @param hash the content hash that names the cache entry
 */
public record GuestImage(
    GuestKernel kernel, Path initramfs, Optional<Path> rootfs, List<String> modules, String hash) {

  /** Workload trees bigger than this go on a disk, not in the initramfs (which lives in RAM). */
  static final long INITRAMFS_LIMIT = 16L << 20;

  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final Duration TOOL_DEADLINE = Duration.ofMinutes(2);

  /**
   * Builds (or finds in the cache) the guest for {@code workload}; {@code placement} is {@code
   * auto}, {@code initramfs} or {@code disk}.
   */
  public static GuestImage build(GuestKernel kernel, Workload workload, String placement) {
    try {
      checkBusybox();
      Path tree = workload.root().toRealPath();
      List<Path> moduleFiles = kernel.modulesDir().map(GuestModules::loadOrder).orElse(List.of());
      List<String> moduleNames = new ArrayList<>(GuestModules.named(moduleFiles).keySet());
      List<String> command =
          workload.command(Path.of(GuestInit.WORKLOAD_DIR), "0.0.0.0", GuestInit.GUEST_PORT);
      String init = GuestInit.script(moduleNames, command);
      List<Path> treeFiles = files(tree);
      Set<Path> extra = hostFilesOutside(command, tree);
      List<Path> elves = new ArrayList<>();
      for (Path f : treeFiles) {
        if (GuestLibraries.isElf(f)) {
          elves.add(f);
        }
      }
      elves.addAll(extra);
      Set<Path> hostFiles = new LinkedHashSet<>(extra);
      hostFiles.addAll(GuestLibraries.needed(elves, tree));
      boolean onDisk = onDisk(placement, treeFiles);

      MessageDigest d = MessageDigest.getInstance("SHA-256");
      update(d, "sandbench-guest-v1\0" + init + "\0" + onDisk + "\0");
      hashFile(d, BUSYBOX);
      for (Path m : moduleFiles) {
        hashFile(d, m);
      }
      for (Path h : hostFiles) {
        update(d, h.toString());
        hashFile(d, h);
      }
      hashTree(d, tree, treeFiles);
      String hash = HexFormat.of().formatHex(d.digest()).substring(0, 24);

      Path entry = GuestCache.root().resolve("guest").resolve(hash);
      if (!Files.isDirectory(entry)) {
        Path temp = GuestCache.newTemp(entry.getParent());
        try {
          Path staging = temp.resolve("root");
          stage(staging, init, moduleFiles, hostFiles);
          if (!onDisk) {
            copyTree(tree, staging.resolve(GuestInit.WORKLOAD_DIR.substring(1)));
          }
          Path out = Files.createDirectory(temp.resolve("entry"));
          Initramfs.write(staging, out.resolve("initramfs.cpio.gz"));
          if (onDisk) {
            GuestRootfs.write(tree, out.resolve("rootfs.ext4"));
          }
          GuestCache.publish(out, entry);
        } finally {
          GuestCache.deleteTree(temp);
        }
      }
      Path disk = entry.resolve("rootfs.ext4");
      return new GuestImage(
          kernel,
          entry.resolve("initramfs.cpio.gz"),
          Files.exists(disk) ? Optional.of(disk) : Optional.empty(),
          moduleNames,
          hash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the guest image", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void checkBusybox() {
    if (!GuestLibraries.isElf(BUSYBOX)
        || !GuestLibraries.needed(List.of(BUSYBOX), null).isEmpty()) {
      throw new UserError(
          "guests need a static /bin/busybox; install it: apt-get install busybox-static");
    }
  }

  private static boolean onDisk(String placement, List<Path> files) throws IOException {
    switch (placement) {
      case "initramfs":
        return false;
      case "disk":
        return true;
      case "auto":
        long size = 0;
        for (Path f : files) {
          if (!Files.isSymbolicLink(f) && Files.isRegularFile(f)) {
            size += Files.size(f);
          }
        }
        return size > INITRAMFS_LIMIT;
      default:
        throw new UserError("rootfs=" + placement + " is not known; use auto, initramfs or disk");
    }
  }

  /** Absolute host files the command names outside the workload tree (e.g. /bin/busybox). */
  private static Set<Path> hostFilesOutside(List<String> command, Path tree) {
    Set<Path> out = new LinkedHashSet<>();
    for (String arg : command) {
      if (arg.startsWith("/") && !arg.startsWith(GuestInit.WORKLOAD_DIR)) {
        Path p = Path.of(arg);
        if (Files.isRegularFile(p) && !p.equals(BUSYBOX)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static void stage(Path root, String init, List<Path> modules, Set<Path> hostFiles)
      throws IOException {
    for (String dir : List.of("bin", "sbin", "proc", "sys", "dev", "tmp", "etc", "lib/modules",
        GuestInit.WORKLOAD_DIR.substring(1))) {
      Files.createDirectories(root.resolve(dir));
    }
    Path busybox = root.resolve("bin/busybox");
    Files.copy(BUSYBOX, busybox);
    Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwxr-xr-x"));
    CommandResult list = ExternalCommand.run(List.of(BUSYBOX.toString(), "--list"), TOOL_DEADLINE);
    for (String applet : list.stdout().split("\n")) {
      applet = applet.strip();
      if (!applet.isEmpty() && !applet.equals("busybox")) {
        Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
      }
    }
    for (Path m : modules) {
      Files.copy(m, root.resolve("lib/modules").resolve(m.getFileName()));
    }
    for (Path h : hostFiles) {
      Path target = root.resolve(h.toString().substring(1));
      Files.createDirectories(target.getParent());
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.copy(h, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Path initFile = root.resolve("init");
    Files.writeString(initFile, init);
    Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/tmp:/bin/sh\n");
  }

  static List<Path> files(Path tree) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      return walk.filter(p -> !p.equals(tree)).sorted().collect(Collectors.toList());
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path p : files(from)) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isSymbolicLink(p)) {
        Files.createSymbolicLink(target, Files.readSymbolicLink(p));
      } else if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else if (Files.isRegularFile(p)) {
        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void hashTree(MessageDigest d, Path tree, List<Path> files) throws IOException {
    for (Path p : files) {
      update(d, tree.relativize(p) + "\0");
      if (Files.isSymbolicLink(p)) {
        update(d, "->" + Files.readSymbolicLink(p));
      } else if (Files.isRegularFile(p)) {
        update(d, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        hashFile(d, p);
      }
    }
  }

  private static void hashFile(MessageDigest d, Path f) throws IOException {
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(f)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
  }

  private static void update(MessageDigest d, String s) {
    d.update(s.getBytes(StandardCharsets.UTF_8));
  }
}
