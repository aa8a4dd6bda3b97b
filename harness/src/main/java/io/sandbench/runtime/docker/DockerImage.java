package io.sandbench.runtime.docker;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.image.Rootfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The workload as a docker image without any registry: the shared rootfs, tarred and given to
 * {@code docker import}. Tagged by the rootfs's content hash, so it is imported once per daemon
 * and content and reused after (it stays in the daemon, like any cached image).
 */
final class DockerImage {
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private DockerImage() {}

  static String ensure(DockerCli docker, Rootfs rootfs, Path workDir) {
    String tag = "sandbench-rootfs:" + rootfs.hash();
    if (docker.run("image", "inspect", "--format", "{{.Id}}", tag).ok()) {
      return tag;
    }
    Path tar = workDir.resolve("rootfs.tar");
    try {
      CommandResult t =
          ExternalCommand.run(List.of("tar", "-C", rootfs.dir().toString(), "-cf", tar.toString(), "."), DEADLINE);
      if (!t.ok()) {
        throw new UserError("cannot tar the rootfs for docker import: " + t.describe());
      }
      CommandResult r = docker.run(DEADLINE, "import", tar.toString(), tag);
      if (!r.ok()) {
        throw new UserError("docker import failed: " + r.describe());
      }
      return tag;
    } finally {
      try {
        Files.deleteIfExists(tar);
      } catch (IOException ignored) {
        // A stray tar in the run's work directory is harmless.
      }
    }
  }
}
