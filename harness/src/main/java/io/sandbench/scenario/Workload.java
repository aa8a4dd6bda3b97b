package io.sandbench.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * The server every instance runs. Its files live in one directory tree ({@link #root()}); isolation
 * runtimes copy or mount that tree into a bundle or guest and run {@link #command} there.
 */
public interface Workload {
  /** The name users type after {@code --workload}. */
  String name();

  /** The directory tree the workload runs from on this host (built or checked on first use). */
  Path root();

  /** The server's argv when its tree sits at {@code root}, listening on {@code bind:port}. */
  List<String> command(Path root, String bind, int port);
}
