package io.sandbench.scenario;

import io.sandbench.UserError;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A baseline for {@code sandbench check}: a YAML list of bounds, each with its line for errors.
 *
 * <pre>
 * - metric: startup.mean_ms     # startup.{mean,median,p90,p99,max}_ms or startup.failures
 *   runtime: native             # filters, each optional: runtime, workload, instances, stagger
 *   instances: 1
 *   max: 50                     # min: and/or max:, or mid: with tolerance: 20%
 * - metric: memory.oneMorePssMiB  # memory.KEY and monitor.KEY: a figure of that experiment's
 *   runtime: firecracker          #   summary (see the report's tables)
 *   max: 80
 * </pre>
 */
public final class BaselineFile {
  public static final Set<String> METRICS = Set.of("startup.mean_ms", "startup.median_ms",
      "startup.p90_ms", "startup.p99_ms", "startup.max_ms", "startup.failures");
  private static final Set<String> KEYS = Set.of("metric", "runtime", "workload", "instances",
      "stagger", "min", "max", "mid", "tolerance");

  private final String file;
  private final List<SuiteError> errors = new ArrayList<>();

  private BaselineFile(String file) {
    this.file = file;
  }

  public static List<Bound> read(Path path) {
    try {
      return parse(path.toString(), Files.readString(path));
    } catch (IOException e) {
      throw new UserError("cannot read baseline " + path + ": " + e.getMessage());
    }
  }

  public static List<Bound> parse(String file, String text) {
    return new BaselineFile(file).bounds(text);
  }

  private List<Bound> bounds(String text) {
    Node root;
    try {
      LoaderOptions o = new LoaderOptions();
      o.setAllowDuplicateKeys(false);
      root = new Yaml(o).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new InvalidSuite(List.of(new SuiteError(file, line, "not valid YAML: " + e.getProblem())));
    }
    if (!(root instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      throw new InvalidSuite(List.of(new SuiteError(file, root == null ? 1 : line(root),
          "a baseline is a list of bounds: - metric: startup.mean_ms ... max: 50")));
    }
    List<Bound> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof MappingNode m)) {
        error(item, "a bound is a mapping with metric: and min:/max: or mid:/tolerance:");
        continue;
      }
      Map<String, Node> k = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        if (!KEYS.contains(key)) {
          error(t.getKeyNode(), "unknown key '" + key + "'; expected one of "
              + String.join(", ", KEYS.stream().sorted().toList()));
        } else if (!(t.getValueNode() instanceof ScalarNode)) {
          error(t.getValueNode(), key + ": expected a single value");
        } else {
          k.put(key, t.getValueNode());
        }
      }
      String metric = text(k.get("metric"));
      if (metric == null) {
        error(m, "a bound needs metric: (one of " + String.join(", ", METRICS.stream().sorted().toList()) + ")");
        continue;
      }
      if (!METRICS.contains(metric) && !metric.matches("(memory|monitor)\\.[A-Za-z0-9_]+")) {
        error(k.get("metric"), "unknown metric '" + metric + "'; use one of "
            + String.join(", ", METRICS.stream().sorted().toList())
            + ", or memory.KEY / monitor.KEY for a figure of that experiment's summary");
        continue;
      }
      Double min = number(k.get("min"));
      Double max = number(k.get("max"));
      Double mid = number(k.get("mid"));
      Double tol = k.containsKey("tolerance") ? percent(k.get("tolerance")) : null;
      if (mid != null) {
        if (min != null || max != null) {
          error(k.get("mid"), "give either mid:/tolerance: or min:/max:, not both");
          continue;
        }
        if (tol == null) {
          error(k.get("mid"), "mid: needs tolerance: (e.g. 10%)");
          continue;
        }
        min = mid * (1 - tol);
        max = mid * (1 + tol);
      } else if (min == null && max == null) {
        error(m, "a bound needs min:, max:, or mid: with tolerance:");
        continue;
      }
      Integer instances = null;
      if (k.containsKey("instances")) {
        Double n = number(k.get("instances"));
        instances = n == null ? null : n.intValue();
      }
      String stagger = k.containsKey("stagger") ? text(k.get("stagger")) : null;
      if (stagger != null) {
        try {
          stagger = Stagger.parse(stagger).toString();
        } catch (UserError e) {
          error(k.get("stagger"), "stagger: '" + stagger + "' is not none, yield or a duration");
        }
      }
      out.add(new Bound(line(m), metric, text(k.get("runtime")), text(k.get("workload")),
          instances, stagger, min == null ? Double.NEGATIVE_INFINITY : min,
          max == null ? Double.POSITIVE_INFINITY : max));
    }
    if (!errors.isEmpty()) {
      throw new InvalidSuite(errors);
    }
    return out;
  }

  private static String text(Node n) {
    return n instanceof ScalarNode s ? s.getValue().strip() : null;
  }

  private Double number(Node n) {
    String s = text(n);
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      error(n, "'" + s + "' is not a number");
      return null;
    }
  }

  private Double percent(Node n) {
    String s = text(n);
    if (s == null) {
      return null;
    }
    String v = s.endsWith("%") ? s.substring(0, s.length() - 1).strip() : s;
    try {
      double d = Double.parseDouble(v) / 100;
      if (d < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      error(n, "tolerance: '" + s + "' is not a percentage such as 10%");
      return null;
    }
  }

  private void error(Node n, String message) {
    errors.add(new SuiteError(file, line(n), message));
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
  }
}
