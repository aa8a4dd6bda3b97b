package io.sandbench.workload.webc;

import java.util.Locale;

/**
 * What a load run does, parsed from webc's (and {@code sandbench load}'s) arguments and checked.
 *
 * <pre>
 * URL [DELAY_MS]            the article's form: one connection, DELAY_MS between requests
 * --connections C, -c C     C connections (default 1), each a closed loop unless --rate
 * --delay-ms D              closed loop: wait D ms after each answer
 * --rate R                  open loop: R requests/s in total, sent on schedule; latency counts
 *                           from the scheduled send (corrects coordinated omission)
 * --duration T              stop after T (20s, 500ms, 2m, 1h; a bare number is seconds)
 * --requests N              stop after N requests
 * --timeout T               an answer slower than T fails the run (default 10s)
 * --json                    one JSON object on stdout instead of the per-second and summary lines
 * </pre>
 *
 * Without --duration or --requests the run goes on until interrupted (Ctrl-C), then summarizes.
 */
public final class LoadOptions {
  static final String USAGE = "usage: webc URL [DELAY_MS] [--connections C] [--delay-ms D]"
      + " [--rate R] [--duration T] [--requests N] [--timeout T] [--json]";
  static final int MAX_CONNECTIONS = 10_000;

  final String url;
  final int connections;
  final long delayMillis;
  final double rate; // requests per second in total; 0 = closed loop
  final long durationNanos; // 0 = until the requests are done or the run is interrupted
  final long requests; // 0 = unbounded
  final long timeoutNanos;
  final boolean json;

  private LoadOptions(String url, int connections, long delayMillis, double rate,
      long durationNanos, long requests, long timeoutNanos, boolean json) {
    this.url = url;
    this.connections = connections;
    this.delayMillis = delayMillis;
    this.rate = rate;
    this.durationNanos = durationNanos;
    this.requests = requests;
    this.timeoutNanos = timeoutNanos;
    this.json = json;
  }

  boolean openLoop() {
    return rate > 0;
  }

  /** Parses the arguments; a bad one is a {@link BadLoadInput} naming it. */
  public static LoadOptions parse(String... args) throws BadLoadInput {
    String url = null;
    String delayPositional = null;
    int connections = 1;
    Long delay = null;
    double rate = 0;
    long duration = 0;
    long requests = 0;
    long timeout = 10_000_000_000L;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      switch (name) {
        case "--json" -> {
          if (value != null) {
            throw new BadLoadInput("--json takes no value (" + USAGE + ")");
          }
          json = true;
        }
        case "--connections", "-c" -> connections =
            (int) positive(name, value = valueOf(args, i, name, value), MAX_CONNECTIONS);
        case "--delay-ms" -> delay = nonNegative(name, value = valueOf(args, i, name, value));
        case "--rate" -> rate = rate(value = valueOf(args, i, name, value));
        case "--duration" -> duration = duration(name, value = valueOf(args, i, name, value));
        case "--requests" -> requests =
            positive(name, value = valueOf(args, i, name, value), Long.MAX_VALUE);
        case "--timeout" -> timeout = duration(name, value = valueOf(args, i, name, value));
        default -> {
          if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
            throw new BadLoadInput("unknown option " + a + " (" + USAGE + ")");
          } else if (url == null) {
            url = a;
          } else if (delayPositional == null) {
            delayPositional = a;
          } else {
            throw new BadLoadInput("unexpected argument " + a + " (" + USAGE + ")");
          }
        }
      }
      if (value != null && !a.contains("=")) {
        i++; // the option's value was the next argument
      }
    }
    if (url == null) {
      throw new BadLoadInput("no URL given (" + USAGE + ")");
    }
    if (delayPositional != null) {
      if (delay != null) {
        throw new BadLoadInput("the delay is given twice: as DELAY_MS and as --delay-ms");
      }
      delay = nonNegative("DELAY_MS", delayPositional);
    }
    if (rate > 0 && delay != null && delay > 0) {
      throw new BadLoadInput("--rate and --delay-ms exclude each other: an open loop sends on"
          + " its own schedule; drop one");
    }
    if (timeout == 0) {
      throw new BadLoadInput("--timeout must be above 0");
    }
    return new LoadOptions(url, connections, delay == null ? 0 : delay, rate, duration,
        requests, timeout, json);
  }

  private static String valueOf(String[] args, int i, String name, String inline)
      throws BadLoadInput {
    if (inline != null) {
      return inline;
    }
    if (i + 1 >= args.length) {
      throw new BadLoadInput(name + " needs a value (" + USAGE + ")");
    }
    return args[i + 1];
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long positive(String name, String value, long max) throws BadLoadInput {
    long n = integer(name, value);
    if (n < 1 || n > max) {
      throw new BadLoadInput(name + " must be from 1 to " + max + ", not " + value);
    }
    return n;
  }

  private static long nonNegative(String name, String value) throws BadLoadInput {
    long n = integer(name, value);
    if (n < 0) {
      throw new BadLoadInput(name + " must be 0 or more, not " + value);
    }
    return n;
  }

  private static long integer(String name, String value) throws BadLoadInput {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new BadLoadInput(name + " needs a whole number, not " + value);
    }
  }

  private static double rate(String value) throws BadLoadInput {
    double r;
    try {
      r = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new BadLoadInput("--rate needs requests per second as a number, not " + value);
    }
    if (!(r > 0) || r > 10_000_000 || Double.isNaN(r)) {
      throw new BadLoadInput("--rate must be above 0 and at most 10000000, not " + value);
    }
    return r;
  }

  /** 20s, 500ms, 2m, 1h, 1.5s, or a bare number of seconds; above 0. */
  static long duration(String name, String value) throws BadLoadInput {
    String v = value.trim().toLowerCase(Locale.ROOT);
    double unit = 1e9;
    String number = v;
    if (v.endsWith("ms")) {
      unit = 1e6;
      number = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unit = 60e9;
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("h")) {
      unit = 3600e9;
      number = v.substring(0, v.length() - 1);
    }
    double n;
    try {
      n = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (!(n > 0) || n * unit > 1e9 * 3600 * 24 * 365 || number.isEmpty()
        || !Character.isDigit(number.charAt(number.length() - 1))) {
      throw new BadLoadInput(name + " needs a time above 0 such as 20s, 500ms or 2m, not "
          + value);
    }
    return (long) (n * unit);
  }
}
