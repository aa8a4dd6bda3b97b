package io.sandbench.host;

import io.sandbench.runtime.Availability;

/**
 * What {@link BinaryProbe} found out about one binary.
 *
 * @param path absolute path of the binary, "" when it is not on the search path
 * @param version first line of its version output, "" when unknown
 * @param reason why it is not usable, or why the version is unknown; "" when all is well
 * @param installHint what to do when it is missing (the Debian package, or where to get it)
 */
public record Binary(
    String name, Status status, String path, String version, String reason, String installHint) {

  /** How the probe ended. */
  public enum Status {
    /** On the search path; its version command answered (or it has none). */
    FOUND,
    /** Not on the search path. */
    MISSING,
    /** On the search path, but its version command did not finish before the deadline. */
    TIMED_OUT,
    /** On the search path, but its version command could not run or failed without output. */
    BROKEN
  }

  /** Whether the binary was found and answered. */
  public boolean usable() {
    return status == Status.FOUND;
  }

  /** The runtime SPI's view: available with its version, or why not and the fix. */
  public Availability toAvailability() {
    return usable()
        ? Availability.ok(version)
        : Availability.missing(reason, status == Status.MISSING ? installHint : "check or reinstall " + path);
  }

  /** One line for the user: "runc 1.1.5 (/usr/sbin/runc)" or "runsc: not found on PATH; apt-get install runsc". */
  public String describe() {
    if (usable()) {
      return name + ": " + (version.isEmpty() ? "version unknown" : version) + " (" + path + ")";
    }
    return name + ": " + reason + (status == Status.MISSING ? "; " + installHint : "");
  }
}
