package io.sandbench.exec;

import java.time.Duration;
import java.util.List;

/** What an external command did: exit code (-1 when killed at its deadline), output, duration. */
public record CommandResult(
    List<String> argv, int exitCode, boolean timedOut, String stdout, String stderr, Duration took) {

  /** The exit code a command gets when its binary could not be started at all. */
  public static final int NOT_STARTED = 127;

  public boolean ok() {
    return !timedOut && exitCode == 0;
  }

  /** One line for an error message: the command, how it ended, and the last line it printed. */
  public String describe() {
    String how =
        timedOut
            ? "killed after its deadline of " + took.toMillis() + " ms"
            : "exited with code " + exitCode;
    String last = lastLine(stderr.isBlank() ? stdout : stderr);
    return String.join(" ", argv) + " " + how + (last.isEmpty() ? "" : ": " + last);
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
