package io.sandbench.runtime.vm;

import io.sandbench.scenario.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real workload for guests until the lead's Workloads land: busybox httpd serving one page. */
public final class BusyboxHttpd implements Workload {
  private final Path root;

  public BusyboxHttpd(Path dir) {
    try {
      this.root = Files.createDirectories(dir.resolve("busybox-httpd"));
      Files.createDirectories(root.resolve("www"));
      Files.writeString(root.resolve("www/index.html"), "sandbench guest\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "busybox-httpd";
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public List<String> command(Path root, String bind, int port) {
    return List.of("/bin/busybox", "httpd", "-f", "-p", bind + ":" + port, "-h", root + "/www");
  }
}
