package io.sandbench.runtime.firecracker;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line Firecracker logs (with {@code --boot-timer}) when the guest writes 123 to its
 * boot-timer device: {@code Guest-boot-time =   1234 us 1 ms,   5678 CPU us 5 CPU ms}, the wall
 * time from the VMM's start to the write.
 */
public final class FirecrackerBootTimer {
  private static final Pattern LINE = Pattern.compile("Guest-boot-time\\s*=\\s*(\\d+)\\s+us");

  private FirecrackerBootTimer() {}

  /** Microseconds from VMM start to the guest's boot-complete write, if the log has the line. */
  public static OptionalLong micros(String log) {
    Matcher m = LINE.matcher(log);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }
}
