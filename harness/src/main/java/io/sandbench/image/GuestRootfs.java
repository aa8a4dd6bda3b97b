package io.sandbench.image;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An ext4 image of a directory tree, made with {@code mkfs.ext4 -d} (e2fsprogs 1.43+): no loop
 * mount, no root. Sized at the tree plus a third and 16 MiB for metadata; read-only in the guest.
 */
public final class GuestRootfs {
  private static final Duration MKFS_DEADLINE = Duration.ofMinutes(3);

  private GuestRootfs() {}

  public static void write(Path tree, Path image) throws IOException {
    long bytes = 0;
    for (Path p : GuestImage.files(tree)) {
      if (Files.isRegularFile(p) && !Files.isSymbolicLink(p)) {
        bytes += (Files.size(p) + 4095) / 4096 * 4096;
      }
    }
    long mib = bytes * 4 / 3 / (1 << 20) + 16;
    CommandResult r =
        ExternalCommand.run(
            List.of("mkfs.ext4", "-q", "-F", "-L", "sandbench", "-O", "^has_journal",
                "-E", "root_owner=0:0", "-d", tree.toString(), image.toString(), mib + "M"),
            MKFS_DEADLINE,
            Map.of("E2FSPROGS_FAKE_TIME", "0"),
            null);
    if (!r.ok()) {
      throw new UserError(
          "cannot make the guest's ext4 image: " + r.describe()
              + "; install e2fsprogs 1.43 or newer (apt-get install e2fsprogs)");
    }
  }
}
