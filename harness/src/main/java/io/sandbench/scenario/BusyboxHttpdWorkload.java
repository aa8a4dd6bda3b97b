package io.sandbench.scenario;

import io.sandbench.SandbenchDirs;
import io.sandbench.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * busybox httpd from Debian's busybox-static: a static, non-JVM server that starts in a few ms,
 * the counterpart of the article's static Go server. Its tree (the binary and a doc root) is laid
 * out once in the cache so containers and guests can take it whole.
 */
public final class BusyboxHttpdWorkload implements Workload {
  static final Path DEFAULT_BINARY = Path.of("/bin/busybox");
  private final Path binary;

  public BusyboxHttpdWorkload() {
    String override = System.getenv("SANDBENCH_BUSYBOX");
    this.binary = override != null && !override.isBlank() ? Path.of(override) : DEFAULT_BINARY;
  }

  @Override
  public String name() {
    return "busybox-httpd";
  }

  @Override
  public Path root() {
    if (!Files.isExecutable(binary) || !ElfBinary.isStatic(binary)) {
      throw new UserError(
          "busybox-httpd needs a static busybox at "
              + binary
              + "; install it with: apt-get install busybox-static");
    }
    try {
      long size = Files.size(binary);
      long mtime = Files.getLastModifiedTime(binary).toMillis();
      Path root = SandbenchDirs.cache().resolve("workloads/busybox-httpd-" + size + "-" + mtime);
      if (!Files.isExecutable(root.resolve("bin/busybox"))) {
        layOut(root);
      }
      return root;
    } catch (IOException e) {
      throw new UserError(
          "cannot prepare busybox-httpd in " + SandbenchDirs.cache() + ": " + e.getMessage()
              + "; set SANDBENCH_CACHE to a writable directory");
    }
  }

  /** Builds the tree in a temp directory and renames it into place, so a half tree never shows. */
  private void layOut(Path root) throws IOException {
    Files.createDirectories(root.getParent());
    Path tmp = Files.createTempDirectory(root.getParent(), ".busybox-");
    Files.createDirectories(tmp.resolve("bin"));
    Files.createDirectories(tmp.resolve("www"));
    Files.copy(binary, tmp.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(tmp.resolve("www/index.html"), "Request\n");
    try {
      Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isExecutable(root.resolve("bin/busybox"))) {
        throw e;
      }
      // Another run laid it out meanwhile: theirs is as good as ours.
    }
  }

  @Override
  public List<String> command(Path root, String bind, int port) {
    return List.of(
        root.resolve("bin/busybox").toString(),
        "httpd",
        "-f",
        "-p",
        bind + ":" + port,
        "-h",
        root.resolve("www").toString());
  }
}
