package io.sandbench.scenario;

/** One thing wrong in a suite file, where it is: printed as {@code file:line: message}. */
public record SuiteError(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
