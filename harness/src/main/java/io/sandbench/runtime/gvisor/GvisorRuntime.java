package io.sandbench.runtime.gvisor;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.oci.OciBinary;
import io.sandbench.runtime.oci.OciCli;
import io.sandbench.runtime.oci.OciPrepared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gVisor (runsc) driven directly like runc: each instance is a sandbox (the Sentry) plus a gofer,
 * started with {@code runsc run --detach}. The platform is an option
 * ({@code --runtime-opt platform=ptrace|kvm|systrap}, as far as this runsc has it and the host
 * allows it).
 *
 * <p>Networking uses the host's stack ({@code --network=host}): gVisor's own netstack refuses to
 * run in the root network namespace on newer kernels ("cannot run with network enabled in root
 * network namespace", gVisor issue 10704). In isolated mode runsc is started inside the instance's
 * netns with {@code nsenter --net=} (not {@code ip netns exec}, whose /sys remount breaks it), so
 * the sandbox still sees only its veth.
 */
public final class GvisorRuntime implements Runtime {
  /** runsc's state directory: our own, so listing and clean-up never see anyone else's sandboxes. */
  public static final Path STATE_ROOT = Path.of("/run/sandbench/runsc");
  private static final Pattern PLATFORMS = Pattern.compile("platform to use: ([^.]*)");
  private final OciBinary binary;

  public GvisorRuntime() {
    this(null);
  }

  /** {@code binary} given: use that file instead of runsc from the search path. */
  public GvisorRuntime(Path binary) {
    this.binary = new OciBinary("runsc", binary);
  }

  @Override
  public String name() {
    return "gvisor";
  }

  @Override
  public String summary() {
    return "gVisor (runsc): a user-space kernel per container; --runtime-opt platform=ptrace|kvm";
  }

  @Override
  public Availability probe(Host host) {
    return binary.availability();
  }

  @Override
  public Prepared prepare(Setup setup) {
    Path runsc = binary.require();
    String platform = setup.option("platform", "ptrace");
    List<String> known = platforms(runsc);
    if (!known.isEmpty() && !known.contains(platform)) {
      throw new UserError(
          "this runsc has no platform '" + platform + "' (it has " + String.join(", ", known)
              + "); use --runtime-opt platform=ptrace");
    }
    if (platform.equals("kvm") && !Files.exists(Path.of("/dev/kvm"))) {
      throw new UserError(
          "runsc platform kvm needs /dev/kvm, which this host lacks; use --runtime-opt platform=ptrace");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("gvisorPlatform", platform);
    facts.put("gvisorPlatformsAvailable", String.join(", ", known));
    facts.put(
        "gvisorNetwork",
        "host stack (--network=host): gVisor's netstack fails in the root netns here, issue 10704"
            + (setup.option("network", "host").equals("isolated") ? "; runsc started in the instance netns by nsenter" : ""));
    return new OciPrepared(setup, cli(runsc, platform), facts);
  }

  /** runsc with our state root, the host network stack and the platform. */
  public static OciCli cli(Path runsc, String platform) {
    try {
      Files.createDirectories(STATE_ROOT);
    } catch (java.io.IOException e) {
      throw new UserError("cannot create runsc's state directory " + STATE_ROOT + ": " + e.getMessage());
    }
    List<String> global = new ArrayList<>();
    global.add("--root=" + STATE_ROOT);
    global.add("--network=host");
    global.add("--platform=" + platform);
    return new OciCli("runsc", runsc, global, false, true, true);
  }

  /** The platforms this runsc names in its flag help, e.g. [ptrace, kvm]; empty when unknown. */
  static List<String> platforms(Path runsc) {
    CommandResult r = ExternalCommand.run(List.of(runsc.toString(), "flags"), Duration.ofSeconds(5));
    Matcher m = PLATFORMS.matcher(r.stdout() + r.stderr());
    List<String> out = new ArrayList<>();
    if (m.find()) {
      for (String p : m.group(1).split(",")) {
        String name = p.replace("(default)", "").strip();
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
