package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.exec.Cleanups;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: exit 0 on success, 1 when a check fails, 2 on bad input or an unusable host. */
public final class Main {
  public static final int BAD_INPUT = 2;
  public static final int INTERRUPTED = 130;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with sandbench's error handling: one line and exit 2 for bad input. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SandbenchCommand());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("sandbench: " + ex.getMessage() + " (see: " + usageHint(ex.getCommandLine()) + ")");
          return BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (Cleanups.isStopping()) {
            commandLine.getErr().println("sandbench: interrupted; removing what this run started");
            return INTERRUPTED;
          }
          if (ex instanceof UserError) {
            commandLine.getErr().println("sandbench: " + ex.getMessage());
            return BAD_INPUT;
          }
          throw ex;
        });
    return cl;
  }

  private static String usageHint(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName() + " --help";
  }
}
