package io.sandbench.cli;

import io.sandbench.Version;
import picocli.CommandLine.IVersionProvider;

/** Prints sandbench's version for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"sandbench " + Version.current()};
  }
}
