package io.sandbench.scenario;

import java.util.Map;

/**
 * A runtime named in a suite, with its driver options ({@code --runtime-opt} in the CLI). The
 * label (the name unless the file gives one) tells two entries of one driver apart, e.g. custom
 * with two different templates; results are keyed and shown by it.
 */
public record SuiteRuntime(String label, String name, Map<String, String> options) {
  public SuiteRuntime {
    options = Map.copyOf(options);
  }
}
