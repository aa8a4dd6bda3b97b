package io.sandbench.image;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel a guest boots: Debian's {@code linux-image-cloud-amd64} (fetched with {@code apt-get
 * download}, unpacked with {@code dpkg -x}, cached by package version), or a kernel the user names
 * with {@code --runtime-opt kernel=PATH} (its modules, if any, with {@code modules=DIR}).
 *
 * @param image the bzImage / vmlinuz to boot
 * @param modulesDir {@code lib/modules/<release>} of this kernel, when it has loadable modules
 * @param version what the result records: package and version, or the path given
 */
public record GuestKernel(Path image, Optional<Path> modulesDir, String version) {
  static final String META_PACKAGE = "linux-image-cloud-amd64";
  private static final Duration APT_DEADLINE = Duration.ofMinutes(3);

  /** The kernel the options ask for: {@code kernel=PATH} [{@code modules=DIR}] or Debian's. */
  public static GuestKernel from(Map<String, String> options) {
    String given = options.get("kernel");
    if (given != null) {
      Path image = Path.of(given);
      if (!Files.isRegularFile(image)) {
        throw new UserError("kernel=" + given + " is not a file; give the path of a bzImage/vmlinuz");
      }
      Optional<Path> modules = Optional.ofNullable(options.get("modules")).map(Path::of);
      if (modules.isPresent() && !Files.isDirectory(modules.get())) {
        throw new UserError("modules=" + modules.get() + " is not a directory; give lib/modules/<release>");
      }
      return new GuestKernel(image, modules, "file " + image.toAbsolutePath());
    }
    return debian(GuestCache.root().resolve("kernel"));
  }

  /** Debian's cloud kernel, downloaded into {@code cacheDir} on first use. */
  static GuestKernel debian(Path cacheDir) {
    String[] pkg = resolvePackage();
    String name = pkg[0];
    String version = pkg[1];
    Path entry = cacheDir.resolve(name + "_" + version);
    if (!Files.isDirectory(entry)) {
      fetch(name, version, cacheDir, entry);
    }
    return fromTree(entry, name + " " + version);
  }

  /** The concrete image package the meta package depends on, and its version. */
  static String[] resolvePackage() {
    CommandResult show =
        ExternalCommand.run(
            List.of("apt-cache", "show", "--no-all-versions", META_PACKAGE), Duration.ofSeconds(60));
    if (!show.ok() || !show.stdout().contains("Depends:")) {
      throw new UserError(
          "cannot find Debian package " + META_PACKAGE + " (" + show.describe()
              + "); run 'apt-get update', or give a kernel with --runtime-opt kernel=PATH");
    }
    for (String line : show.stdout().split("\n")) {
      if (line.startsWith("Depends:")) {
        // "Depends: linux-image-6.1.0-56-cloud-amd64 (= 6.1.192-2)"
        String first = line.substring("Depends:".length()).split(",")[0].strip();
        String name = first.split("\\s")[0];
        int eq = first.indexOf("(=");
        String version = eq < 0 ? "" : first.substring(eq + 2, first.indexOf(')')).strip();
        if (!name.startsWith("linux-image-") || version.isEmpty()) {
          break;
        }
        return new String[] {name, version};
      }
    }
    throw new UserError(
        "cannot tell which kernel " + META_PACKAGE + " depends on; give one with --runtime-opt kernel=PATH");
  }

  private static void fetch(String name, String version, Path cacheDir, Path entry) {
    try {
      Path temp = GuestCache.newTemp(cacheDir);
      try {
        CommandResult dl =
            ExternalCommand.run(
                List.of("apt-get", "download", name + "=" + version), APT_DEADLINE, Map.of(), temp);
        Path deb = findDeb(temp);
        if (!dl.ok() || deb == null) {
          throw new UserError(
              "cannot download " + name + "=" + version + ": " + dl.describe()
                  + "; check apt sources, or give a kernel with --runtime-opt kernel=PATH");
        }
        Path tree = temp.resolve("tree");
        CommandResult x =
            ExternalCommand.run(
                List.of("dpkg-deb", "-x", deb.toString(), tree.toString()), APT_DEADLINE);
        if (!x.ok()) {
          throw new UserError("cannot unpack " + deb.getFileName() + ": " + x.describe());
        }
        Files.delete(deb);
        GuestCache.publish(tree, entry);
      } finally {
        GuestCache.deleteTree(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache kernel in " + cacheDir, e);
    }
  }

  private static Path findDeb(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.deb")) {
      for (Path p : s) {
        return p;
      }
    }
    return null;
  }

  /** Reads an unpacked kernel package: boot/vmlinuz-*, lib/modules/<release>. */
  static GuestKernel fromTree(Path tree, String version) {
    try {
      Path image = null;
      try (DirectoryStream<Path> s = Files.newDirectoryStream(tree.resolve("boot"), "vmlinuz-*")) {
        for (Path p : s) {
          image = p;
        }
      }
      Path modules = null;
      Path libModules = tree.resolve("lib/modules");
      if (Files.isDirectory(libModules)) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(libModules)) {
          for (Path p : s) {
            modules = p;
          }
        }
      }
      if (image == null) {
        throw new UserError("no boot/vmlinuz-* in " + tree + "; remove that directory and retry");
      }
      return new GuestKernel(image, Optional.ofNullable(modules), version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kernel tree " + tree, e);
    }
  }

  /** The kernel's build configuration (boot/config-*), when the package carries it. */
  public Optional<Path> config() {
    Path boot = image.getParent();
    String release = image.getFileName().toString().replaceFirst("^vmlinuz-", "");
    Path config = boot.resolve("config-" + release);
    return Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
  }
}
