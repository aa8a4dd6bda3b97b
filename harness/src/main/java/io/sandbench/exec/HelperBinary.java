package io.sandbench.exec;

import io.sandbench.SandbenchDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The native helper's executable: compiled from src/main/c by the build (when a C compiler is
 * there) into the jar, and copied out to the cache under a name with its content hash, so that
 * different builds never overwrite each other's running helper.
 */
final class HelperBinary {
  static final String RESOURCE = "sandbench-helper";

  private HelperBinary() {}

  /** The executable, or an exception whose message says why there is none and what to do. */
  static Path extract() throws IOException {
    byte[] bytes;
    try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "not built: there was no C compiler when sandbench was built (apt-get install gcc, then"
                + " ./mvnw -B -ntp -DskipTests package)");
      }
      bytes = in.readAllBytes();
    }
    Path dir = SandbenchDirs.cache().resolve("bin");
    Path target = dir.resolve(RESOURCE + "-" + sha256(bytes).substring(0, 16));
    if (Files.isExecutable(target) && Files.size(target) == bytes.length) {
      return target;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, RESOURCE, ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
