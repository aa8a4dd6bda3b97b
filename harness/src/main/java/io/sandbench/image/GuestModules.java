package io.sandbench.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel modules a guest must load for its virtio devices, in load order. Debian's cloud
 * kernel builds virtio, virtio_mmio, virtio_net and virtio_blk as modules; there is no modprobe in
 * the guest, so the order comes from each module's own {@code depends=} field (its .modinfo).
 */
public final class GuestModules {
  /** Drivers a guest needs: virtio-mmio (microvm, Firecracker), virtio-pci (q35), net, block. */
  public static final List<String> WANTED =
      List.of("virtio_mmio", "virtio_pci", "virtio_net", "virtio_blk");

  private GuestModules() {}

  /**
   * Module files to load, dependencies first: the closure of {@link #WANTED} found in {@code
   * modulesDir}. A wanted driver with no module file is taken to be built in.
   */
  public static List<Path> loadOrder(Path modulesDir) {
    Map<String, Path> byName = index(modulesDir);
    List<Path> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (String want : WANTED) {
      visit(want, byName, done, new LinkedHashSet<>(), order);
    }
    return order;
  }

  private static void visit(
      String name, Map<String, Path> byName, Set<String> done, Set<String> path, List<Path> order) {
    Path file = byName.get(name);
    if (file == null || done.contains(name) || !path.add(name)) {
      return;
    }
    for (String dep : depends(file)) {
      visit(dep, byName, done, path, order);
    }
    done.add(name);
    order.add(file);
  }

  /** Module name (dashes as underscores) to its uncompressed .ko file. */
  static Map<String, Path> index(Path modulesDir) {
    Map<String, Path> byName = new HashMap<>();
    try (Stream<Path> files = Files.walk(modulesDir)) {
      files
          .filter(p -> p.getFileName().toString().endsWith(".ko"))
          .forEach(p -> byName.put(moduleName(p), p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list modules in " + modulesDir, e);
    }
    return byName;
  }

  static String moduleName(Path ko) {
    String f = ko.getFileName().toString();
    return f.substring(0, f.length() - 3).replace('-', '_');
  }

  /** The {@code depends=a,b} entry of a module's .modinfo section (NUL-separated strings). */
  static List<String> depends(Path ko) {
    try {
      String text = new String(Files.readAllBytes(ko), StandardCharsets.ISO_8859_1);
      int at = text.indexOf("\0depends=");
      if (at < 0) {
        return List.of();
      }
      int from = at + "\0depends=".length();
      String value = text.substring(from, text.indexOf('\0', from));
      List<String> deps = new ArrayList<>();
      for (String d : value.split(",")) {
        if (!d.isBlank()) {
          deps.add(d.strip().replace('-', '_'));
        }
      }
      return deps;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read module " + ko, e);
    }
  }

  /** Names of the modules in a load order, for the guest's record. */
  public static Map<String, Path> named(List<Path> order) {
    Map<String, Path> m = new LinkedHashMap<>();
    order.forEach(p -> m.put(moduleName(p), p));
    return m;
  }
}
