package io.sandbench.runtime.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds runsc's gofer of one container: it is not a child of the sandbox (both are reparented to
 * init once {@code runsc run --detach} returns), so it is found by its command line, which names
 * the container's bundle directory (unique per instance).
 */
public final class GoferFinder {
  private GoferFinder() {}

  public static Optional<Long> find(Path bundle) {
    String dir = bundle.toString();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : dirs) {
        List<String> args = cmdline(d);
        int i = args.indexOf("--bundle");
        if (args.contains("gofer") && i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(dir)) {
          return Optional.of(Long.parseLong(d.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      // /proc unreadable: the gofer is left out of the tree, nothing worse.
    }
    return Optional.empty();
  }

  private static List<String> cmdline(Path procDir) {
    try {
      byte[] b = Files.readAllBytes(procDir.resolve("cmdline"));
      return Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
