package io.sandbench.runtime.oci;

import io.sandbench.UserError;
import io.sandbench.host.Binary;
import io.sandbench.host.BinaryProbe;
import io.sandbench.host.KnownBinary;
import io.sandbench.runtime.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A runtime's binary: found on the search path, or given (tests inject a path to check the
 * missing-binary report). Probing asks its version with a deadline; a missing binary is reported
 * with the Debian package that provides it.
 */
public final class OciBinary {
  private final String name;
  private final Path given;

  /** {@code given} null: search the PATH and the sbin directories. */
  public OciBinary(String name, Path given) {
    this.name = name;
    this.given = given;
  }

  public String name() {
    return name;
  }

  public Binary probe() {
    KnownBinary known = KnownBinary.named(name);
    if (given == null) {
      return BinaryProbe.onPath().probe(known);
    }
    if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
      return new Binary(name, Binary.Status.MISSING, "", "", given + " not found", known.installHint());
    }
    // Probe the given file under its own name: point the search path at its directory.
    KnownBinary asGiven = new KnownBinary(given.getFileName().toString(), known.versionArgs(), known.installHint());
    Binary b = new BinaryProbe(List.of(given.getParent()), BinaryProbe.DEFAULT_DEADLINE).probe(asGiven);
    return new Binary(name, b.status(), b.path(), b.version(), b.reason(), b.installHint());
  }

  public Availability availability() {
    if (!RootUser.isRoot()) {
      return Availability.missing(
          name + " needs root to create namespaces and cgroups here", "run sandbench as root");
    }
    return probe().toAvailability();
  }

  /** The binary's path, or a one-line error with the fix. */
  public Path require() {
    Binary b = probe();
    if (!b.usable()) {
      throw new UserError(b.toAvailability().explain(name));
    }
    return Path.of(b.path());
  }
}
