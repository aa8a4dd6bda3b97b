package io.sandbench.runtime.containerd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the containerd shim of one container ({@code containerd-shim-runc-v2 -namespace NS -id ID
 * -address SOCK}): started by the daemon, not by us, so only its command line ties it to the
 * container. Its descendants are the container's processes.
 */
public final class ShimFinder {
  private ShimFinder() {}

  public static Optional<Long> find(String namespace, String containerId) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : dirs) {
        List<String> args = cmdline(d);
        if (args.isEmpty() || !Path.of(args.get(0)).getFileName().toString().startsWith("containerd-shim")) {
          continue;
        }
        if (follows(args, "-id", containerId) && follows(args, "-namespace", namespace)) {
          return Optional.of(Long.parseLong(d.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      // /proc unreadable: the shim is left out of the tree.
    }
    return Optional.empty();
  }

  private static boolean follows(List<String> args, String flag, String value) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(value);
  }

  private static List<String> cmdline(Path procDir) {
    try {
      byte[] b = Files.readAllBytes(procDir.resolve("cmdline"));
      if (b.length == 0) {
        return List.of();
      }
      return Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
