package io.sandbench.image;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's shared libraries a guest needs to run dynamically linked programs (a jlink'd java):
 * what {@code ldd} resolves for each ELF file, outside the program's own tree. The guest has no
 * libc of its own (busybox is static), so these are copied into it at the same paths.
 */
public final class GuestLibraries {
  private static final Duration LDD_DEADLINE = Duration.ofSeconds(20);

  private GuestLibraries() {}

  /** Whether a file starts with the ELF magic. */
  public static boolean isElf(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L'
          && magic[3] == 'F';
    } catch (IOException e) {
      return false;
    }
  }

  /** Absolute paths of the libraries (and the loader) the ELF files need, outside {@code tree}. */
  public static Set<Path> needed(List<Path> elfFiles, Path tree) {
    Set<Path> libs = new TreeSet<>();
    for (Path f : elfFiles) {
      CommandResult r = ExternalCommand.run(List.of("ldd", f.toString()), LDD_DEADLINE);
      if (!r.ok()) {
        continue; // "not a dynamic executable": a static binary or a non-loadable object.
      }
      for (String line : r.stdout().split("\n")) {
        // "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
        String s = line.strip();
        int arrow = s.indexOf("=> ");
        String path = arrow >= 0 ? s.substring(arrow + 3) : s;
        int paren = path.indexOf(" (");
        if (paren >= 0) {
          path = path.substring(0, paren);
        }
        if (path.startsWith("/")) {
          Path p = Path.of(path).normalize();
          if (tree == null || !p.startsWith(tree)) {
            libs.add(p);
          }
        }
      }
    }
    return libs;
  }
}
