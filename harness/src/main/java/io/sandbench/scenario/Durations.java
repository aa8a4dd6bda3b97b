package io.sandbench.scenario;

import io.sandbench.UserError;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as users write them: {@code 5s}, {@code 250ms}, {@code 500us}, {@code 1.5m}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String flag, String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new UserError(
          flag + ": '" + text + "' is not a duration; write it like 500us, 250ms, 5s, 1.5m or 1h");
    }
    double value = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2)) {
          case "us" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          default -> 3600e9;
        };
    return Duration.ofNanos(Math.round(value * nanosPerUnit));
  }

  /** A duration that must be greater than zero. */
  public static Duration positive(String flag, String text) {
    Duration d = parse(flag, text);
    if (d.isZero()) {
      throw new UserError(flag + ": must be greater than 0, got '" + text + "'");
    }
    return d;
  }

  /** Short human form: 250ms, 5s, 1.5s, 500us. */
  public static String format(Duration d) {
    long n = d.toNanos();
    if (n % 1_000_000_000L == 0) {
      return n / 1_000_000_000L + "s";
    }
    if (n % 1_000_000L == 0) {
      return n / 1_000_000L + "ms";
    }
    if (n % 1_000L == 0) {
      return n / 1_000L + "us";
    }
    return n + "ns";
  }
}
