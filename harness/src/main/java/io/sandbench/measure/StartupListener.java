package io.sandbench.measure;

import io.sandbench.result.StartupConfiguration;
import io.sandbench.result.StartupIteration;

/** What a startup run tells as it goes: the CLI prints the article's lines and a progress bar. */
public interface StartupListener {
  default void configurationStarted(int instances, String stagger) {}

  default void iterationDone(int instances, String stagger, StartupIteration iteration) {}

  default void configurationDone(StartupConfiguration configuration) {}

  /** Called after every launch; {@code done} counts launches of the whole scan. */
  default void launched(long done) {}

  StartupListener NONE = new StartupListener() {};
}
