package io.sandbench.scenario;

import io.sandbench.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command given as one string ({@code 'busybox httpd -f -p {port}'}), split into an argument
 * vector once, with placeholders filled per argument. No shell ever sees an interpolated value.
 * Splitting honours single and double quotes and backslash escapes, as a shell would.
 */
public final class ArgvTemplate {
  private final String source;
  private final List<String> args;

  private ArgvTemplate(String source, List<String> args) {
    this.source = source;
    this.args = List.copyOf(args);
  }

  public static ArgvTemplate parse(String flag, String text) {
    List<String> args = split(flag, text);
    if (args.isEmpty()) {
      throw new UserError(flag + ": the command is empty");
    }
    return new ArgvTemplate(text, args);
  }

  /** Fails with a clear line unless every placeholder named appears in the template. */
  public ArgvTemplate requiring(String flag, String... placeholders) {
    for (String p : placeholders) {
      if (!source.contains("{" + p + "}")) {
        throw new UserError(
            flag + ": the command must contain {" + p + "} (it was: " + source + ")");
      }
    }
    return this;
  }

  /** The argv with {@code {name}} replaced by its value in every argument. */
  public List<String> fill(Map<String, String> values) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      String filled = a;
      for (Map.Entry<String, String> e : values.entrySet()) {
        filled = filled.replace("{" + e.getKey() + "}", e.getValue());
      }
      out.add(filled);
    }
    return out;
  }

  public String source() {
    return source;
  }

  static List<String> split(String flag, String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          cur.append(text.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArg = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          out.add(cur.toString());
          cur.setLength(0);
          inArg = false;
        }
      } else {
        cur.append(c);
        inArg = true;
      }
    }
    if (quote != 0) {
      throw new UserError(flag + ": unclosed " + quote + " quote in '" + text + "'");
    }
    if (inArg) {
      out.add(cur.toString());
    }
    return out;
  }
}
