package io.sandbench.runtime;

import java.util.Map;

/** A runtime prepared for one scenario; launches its instances. */
public interface Prepared extends AutoCloseable {
  /** Starts instance {@code id} and returns at once, without waiting for it to answer. */
  Instance launch(int id);

  /** Removes what an earlier crashed run of this runtime left behind (processes, containers, ...). */
  void cleanupLeftovers();

  /** Facts recorded with every result: network mode, acceleration, versions, options in force. */
  Map<String, String> facts();

  /** Releases what {@code prepare} built; instances are closed by their own owners. */
  @Override
  void close();
}
