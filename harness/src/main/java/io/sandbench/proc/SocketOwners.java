package io.sandbench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The processes that listen on a unix socket: how a driver names the daemon it talks to
 * (containerd, dockerd) without guessing by name, so that a private daemon and the system's are
 * told apart. Reads /proc/net/unix for the socket's inode, then finds which process holds it.
 */
public final class SocketOwners {
  private static final int ACCEPT_CONNECTIONS = 0x10000;

  private SocketOwners() {}

  /** Pids holding a listening socket bound to {@code socket}; empty when none is found. */
  public static List<Long> listeningOn(Path socket) {
    Set<String> inodes = listeningInodes(socket.toAbsolutePath().normalize().toString());
    List<Long> pids = new ArrayList<>();
    if (inodes.isEmpty()) {
      return pids;
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        if (holdsAny(proc.resolve("fd"), inodes)) {
          pids.add(Long.parseLong(proc.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      // No /proc: nothing found.
    }
    return pids;
  }

  /** Columns: Num RefCount Protocol Flags Type St Inode Path. */
  static Set<String> listeningInodes(String path) {
    Set<String> inodes = new HashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 8 && f[7].equals(path)) {
          try {
            if ((Integer.parseInt(f[3], 16) & ACCEPT_CONNECTIONS) != 0) {
              inodes.add(f[6]);
            }
          } catch (NumberFormatException ignored) {
            // The header line.
          }
        }
      }
    } catch (IOException e) {
      // Unreadable: nothing found.
    }
    return inodes;
  }

  private static boolean holdsAny(Path fdDir, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && inodes.contains(target.substring(8, target.length() - 1))) {
            return true;
          }
        } catch (IOException ignored) {
          // Closed meanwhile.
        }
      }
    } catch (IOException | SecurityException e) {
      // Gone, or not ours to read.
    }
    return false;
  }
}
