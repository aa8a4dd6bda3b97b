package io.sandbench.scenario;

import io.sandbench.UserError;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * What happens between two launches: {@code none} (back to back), {@code yield} (give up the CPU,
 * the article's {@code sleep 0}) or a duration (the next launch at least that long after the last).
 */
public record Stagger(Kind kind, Duration delay) {
  public enum Kind {
    NONE,
    YIELD,
    DELAY
  }

  public static final Stagger NONE = new Stagger(Kind.NONE, Duration.ZERO);
  public static final Stagger YIELD = new Stagger(Kind.YIELD, Duration.ZERO);

  public static Stagger parse(String text) {
    String t = text.strip();
    if (t.equals("none")) {
      return NONE;
    }
    if (t.equals("yield") || t.equals("0")) {
      return YIELD;
    }
    try {
      return new Stagger(Kind.DELAY, Durations.positive("--stagger", t));
    } catch (UserError e) {
      throw new UserError(
          "--stagger: '" + text + "' is not none, yield or a duration such as 25ms or 0.5s");
    }
  }

  /** Waits after a launch made at {@code launchedAtNanos} (System.nanoTime) as this stagger says. */
  public void pauseAfter(long launchedAtNanos) {
    switch (kind) {
      case NONE -> {}
      case YIELD -> Thread.yield();
      case DELAY -> {
        long until = launchedAtNanos + delay.toNanos();
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
          LockSupport.parkNanos(left);
        }
      }
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "none";
      case YIELD -> "yield";
      case DELAY -> Durations.format(delay);
    };
  }
}
