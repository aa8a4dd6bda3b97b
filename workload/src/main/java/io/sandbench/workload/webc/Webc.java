package io.sandbench.workload.webc;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * webc: the load client. {@code webc URL [DELAY_MS]} is the article's: one connection, a closed
 * loop, {@code TPS: n} each second and {@code Total: N in M ms (x T/ms)} at the end. See {@link
 * LoadOptions} for the rest (connections, open-loop rate, duration, request count, JSON).
 *
 * <p>Exit codes: 0 done; 1 a request failed (the run stops at the first failure and says which);
 * 2 bad flags, a bad URL or a target that cannot be reached at the start (one line).
 */
public final class Webc {
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  private Webc() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run("webc", args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs webc in this JVM (the standalone main and {@code sandbench load} both come here).
   *
   * @param name what error lines start with ("webc", "sandbench")
   * @return the exit code
   */
  public static int run(String name, String[] args, PrintWriter out, PrintWriter err) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        out.println(LoadOptions.USAGE);
        out.flush();
        return 0;
      }
    }
    LoadRun run;
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
      run = new LoadRun(options, HttpTarget.parse(options.url));
    } catch (BadLoadInput e) {
      err.println(name + ": " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    // Ctrl-C ends the run, not the summary: the hook stops the load and waits for the print.
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      run.requestStop();
      try {
        reported.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "webc-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      LoadResult result;
      try {
        result = run.execute(options.json ? null : out);
      } catch (BadLoadInput e) {
        err.println(name + ": " + e.getMessage());
        err.flush();
        return BAD_INPUT;
      }
      out.print(options.json ? result.toJson() + "\n" : result.summary());
      out.flush();
      if (result.failure() != null) {
        err.println(name + ": " + result.failure());
        err.flush();
        return FAILED;
      }
      return 0;
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waited for this report
      }
    }
  }
}
