package io.sandbench.runtime.oci;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.OwnerMark;
import io.sandbench.net.IsolatedLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one OCI runtime binary (runc, crun, runsc all take run/delete/list the same
 * way): the binary, its global flags (runsc: --root, --network, --platform), and how it must be
 * started on this host.
 *
 * @param hideUnifiedCgroup run it through {@link CrunCgroups#wrap} (crun on a hybrid host)
 * @param netnsByNsenter join an isolated netns by starting the runtime inside it (runsc, whose
 *     own network stack does not work here) instead of naming the netns in config.json
 * @param hasGofer the runtime keeps a gofer process beside the container (runsc)
 */
public record OciCli(
    String name,
    Path binary,
    List<String> globalArgs,
    boolean hideUnifiedCgroup,
    boolean netnsByNsenter,
    boolean hasGofer) {

  /** Deadline for kill, delete, list: a runtime call can block for minutes on a sick host. */
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  public OciCli {
    globalArgs = List.copyOf(globalArgs);
  }

  /** {@code run --detach}: returns once the container runs; its output goes to our log file. */
  public List<String> runArgv(Path bundle, Path pidFile, String containerId, Path netns) {
    List<String> argv = base();
    argv.addAll(List.of("run", "--detach", "--pid-file", pidFile.toString(), "--bundle", bundle.toString(), containerId));
    argv = wrap(argv);
    return netns != null && netnsByNsenter ? IsolatedLink.enter(netns, argv) : argv;
  }

  /** Kills the container's processes (SIGKILL) and removes its state. */
  public CommandResult delete(String containerId) {
    List<String> argv = base();
    argv.addAll(List.of("delete", "--force", containerId));
    return ExternalCommand.run(wrap(argv), DEADLINE, OwnerMark.environment(), null);
  }

  /** Ids of every container this runtime (with these global flags) knows. */
  public List<String> list() {
    List<String> argv = base();
    argv.addAll(List.of("list", "--quiet"));
    CommandResult r = ExternalCommand.run(wrap(argv), DEADLINE);
    List<String> ids = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank()) {
        ids.add(line.strip());
      }
    }
    return ids;
  }

  private List<String> base() {
    List<String> argv = new ArrayList<>();
    argv.add(binary.toString());
    argv.addAll(globalArgs);
    return argv;
  }

  private List<String> wrap(List<String> argv) {
    return hideUnifiedCgroup ? CrunCgroups.wrap(argv) : argv;
  }
}
