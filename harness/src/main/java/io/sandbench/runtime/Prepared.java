package io.sandbench.runtime;

import io.sandbench.proc.ProcessTree;
import java.util.Map;

/** A runtime prepared for one scenario; launches its instances. */
public interface Prepared extends AutoCloseable {
  /** Starts instance {@code id} and returns at once, without waiting for it to answer. */
  Instance launch(int id);

  /** Removes what an earlier crashed run of this runtime left behind (processes, containers, ...). */
  void cleanupLeftovers();

  /** Facts recorded with every result: network mode, acceleration, versions, options in force. */
  Map<String, String> facts();

  /**
   * Daemons that serve every instance (containerd, dockerd), if the runtime has any: reported apart
   * and counted once, never per instance, even where an instance's tree reaches them.
   */
  default ProcessTree sharedProcesses() {
    return ProcessTree.empty();
  }

  /** Releases what {@code prepare} built; instances are closed by their own owners. */
  @Override
  void close();
}
