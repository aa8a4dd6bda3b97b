package io.sandbench.scenario;

import io.sandbench.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Comma-separated flag values, every one scanned: {@code --instances 1,4,8}. */
public final class ListFlag {
  private ListFlag() {}

  public static <T> List<T> parse(String flag, String text, Function<String, T> element) {
    List<T> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        throw new UserError(flag + ": empty element in '" + text + "'; write e.g. 1,4,8");
      }
      out.add(element.apply(part.strip()));
    }
    return List.copyOf(out);
  }

  /** Whole numbers from {@code min} to {@code max}. */
  public static List<Integer> integers(String flag, String text, int min, int max) {
    return parse(
        flag,
        text,
        s -> {
          int v;
          try {
            v = Integer.parseInt(s);
          } catch (NumberFormatException e) {
            throw new UserError(flag + ": '" + s + "' is not a whole number");
          }
          if (v < min || v > max) {
            throw new UserError(flag + ": " + v + " is out of range; use " + min + " to " + max);
          }
          return v;
        });
  }
}
