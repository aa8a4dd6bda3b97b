package io.sandbench.scenario;

import io.sandbench.UserError;
import io.sandbench.net.AddressPlan;
import io.sandbench.runtime.Runtimes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a suite file. It is read as YAML nodes (never as objects: no type tags are honoured), so
 * that every error carries the line it is on; all errors are collected and thrown together as
 * {@link InvalidSuite} before anything runs.
 *
 * <pre>
 * name: quick
 * basePort: 9090                  # instance i listens on basePort + i
 * iterations: 2                   # defaults for every startup entry
 * cooldown: 1s
 * runtimes: [native, runc]        # or {name: custom, options: {launch: "..."}}
 * workloads: [busybox-httpd, webd]
 * experiments:
 *   - kind: startup
 *     instances: [1, 4, 8]
 *     stagger: [none, 25ms, yield]
 *   - kind: memory
 *     instances: [1, 2]
 *   - kind: monitor
 *     load: 20s
 * </pre>
 */
public final class SuiteFile {
  /**
   * Runtimes the project plans a driver for. A suite may name them before this build has the
   * driver; they are then skipped with that reason rather than refused, so one suite file serves
   * every build. Any other unknown name is a mistake in the file.
   */
  public static final Set<String> PLANNED_RUNTIMES =
      Set.of("runc", "crun", "gvisor", "runsc", "containerd", "docker", "qemu", "firecracker",
          "cloud-hypervisor", "kata");

  private static final Set<String> TOP =
      Set.of("name", "basePort", "iterations", "warmup", "cooldown", "timeout", "runtimes",
          "workloads", "command", "experiments");

  private final String file;
  private final List<SuiteError> errors = new ArrayList<>();

  private SuiteFile(String file) {
    this.file = file;
  }

  /** Reads and validates {@code path}; throws {@link InvalidSuite} listing every error. */
  public static Suite read(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new UserError("cannot read suite file " + path + ": " + e.getMessage());
    }
    return parse(path.toString(), text);
  }

  /** Validates {@code text} as if read from {@code file}. */
  public static Suite parse(String file, String text) {
    return new SuiteFile(file).suite(text);
  }

  private Suite suite(String text) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(10);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
      throw new InvalidSuite(
          List.of(new SuiteError(file, m == null ? 1 : m.getLine() + 1, "not valid YAML: " + problem)));
    } catch (YAMLException e) {
      throw new InvalidSuite(List.of(new SuiteError(file, 1, "not valid YAML: " + e.getMessage())));
    }
    if (!(root instanceof MappingNode top)) {
      throw new InvalidSuite(List.of(new SuiteError(file, root == null ? 1 : line(root),
          "a suite is a mapping with runtimes:, workloads: and experiments:")));
    }
    Map<String, NodeTuple> keys = keys(top, TOP, "suite");
    String name = keys.containsKey("name") ? string(keys.get("name").getValueNode()) : "suite";
    int basePort = keys.containsKey("basePort")
        ? integer(keys.get("basePort").getValueNode(), "basePort", 1, 65535) : 9090;
    Defaults defaults = new Defaults(
        keys.containsKey("iterations")
            ? integer(keys.get("iterations").getValueNode(), "iterations", 1, 100_000) : 5,
        keys.containsKey("warmup")
            ? integer(keys.get("warmup").getValueNode(), "warmup", 0, 100_000) : 0,
        keys.containsKey("cooldown")
            ? duration(keys.get("cooldown").getValueNode(), "cooldown", false)
            : Duration.ofSeconds(5),
        keys.containsKey("timeout")
            ? duration(keys.get("timeout").getValueNode(), "timeout", true)
            : Duration.ofSeconds(60));
    List<SuiteRuntime> runtimes = required(top, keys, "runtimes", this::runtimes);
    String command = keys.containsKey("command")
        ? string(keys.get("command").getValueNode()) : null;
    List<String> workloads = required(top, keys, "workloads", n -> workloads(n, command));
    List<ExperimentSpec> experiments =
        required(top, keys, "experiments", n -> experiments(n, defaults));
    if (!errors.isEmpty()) {
      throw new InvalidSuite(errors);
    }
    Suite suite = new Suite(name, file, text, basePort, runtimes, workloads, command, experiments);
    if (basePort + suite.maxInstances() - 1 > 65535) {
      errors.add(new SuiteError(file, line(keys.containsKey("basePort")
          ? keys.get("basePort").getValueNode() : top),
          "basePort " + basePort + " leaves no room for " + suite.maxInstances()
              + " instances below port 65535; choose a lower basePort"));
      throw new InvalidSuite(errors);
    }
    return suite;
  }

  private record Defaults(int iterations, int warmup, Duration cooldown, Duration timeout) {}

  private <T> List<T> required(
      MappingNode top, Map<String, NodeTuple> keys, String key, Function<Node, List<T>> f) {
    if (!keys.containsKey(key)) {
      error(top, "missing " + key + ":");
      return List.of();
    }
    List<T> list = f.apply(keys.get(key).getValueNode());
    if (list.isEmpty() && errors.isEmpty()) {
      error(keys.get(key).getValueNode(), key + ": is empty; name at least one");
    }
    return list;
  }

  private List<SuiteRuntime> runtimes(Node node) {
    List<SuiteRuntime> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node item : sequence(node, "runtimes")) {
      String name;
      String label = null;
      Map<String, String> options = new LinkedHashMap<>();
      Node at = item;
      if (item instanceof MappingNode m) {
        Map<String, NodeTuple> k = keys(m, Set.of("name", "label", "options"), "a runtime");
        if (k.containsKey("label")) {
          label = string(k.get("label").getValueNode());
        }
        if (!k.containsKey("name")) {
          error(m, "a runtime needs name:");
          continue;
        }
        at = k.get("name").getValueNode();
        name = string(at);
        if (k.containsKey("options")) {
          Node o = k.get("options").getValueNode();
          if (o instanceof MappingNode om) {
            for (NodeTuple t : om.getValue()) {
              options.put(string(t.getKeyNode()), string(t.getValueNode()));
            }
          } else {
            error(o, "options: is a mapping of KEY: VALUE (driver options)");
          }
        }
      } else {
        name = string(item);
      }
      if (name == null) {
        continue;
      }
      if (!Runtimes.names().contains(name) && !PLANNED_RUNTIMES.contains(name)) {
        error(at, "unknown runtime '" + name + "'; known runtimes: "
            + String.join(", ", Runtimes.names()));
        continue;
      }
      label = label == null ? name : label;
      if (!label.matches("[A-Za-z0-9._-]+")) {
        error(at, "runtime label '" + label + "' may use only letters, digits, '.', '_' and '-'");
        continue;
      }
      if (!seen.add(label)) {
        error(at, "runtime '" + label + "' is listed twice; give the second a label:");
        continue;
      }
      out.add(new SuiteRuntime(label, name, options));
    }
    return out;
  }

  private List<String> workloads(Node node, String command) {
    List<String> out = new ArrayList<>();
    for (Node item : sequence(node, "workloads")) {
      String w = string(item);
      if (w == null) {
        continue;
      }
      if (!Workloads.NAMES.contains(w)) {
        error(item, "unknown workload '" + w + "'; known workloads: "
            + String.join(", ", Workloads.NAMES));
      } else if (w.equals("command") && (command == null || !command.contains("{port}"))) {
        error(item, "workload command needs a top-level command: with {port} in its arguments");
      } else if (out.contains(w)) {
        error(item, "workload '" + w + "' is listed twice");
      } else {
        out.add(w);
      }
    }
    return out;
  }

  private List<ExperimentSpec> experiments(Node node, Defaults d) {
    List<ExperimentSpec> out = new ArrayList<>();
    int entry = 0;
    for (Node item : sequence(node, "experiments")) {
      if (!(item instanceof MappingNode m)) {
        error(item, "an experiment is a mapping with kind: startup, memory or monitor");
        continue;
      }
      NodeTuple kindTuple = find(m, "kind");
      if (kindTuple == null) {
        error(m, "an experiment needs kind: startup, memory or monitor");
        continue;
      }
      String kind = string(kindTuple.getValueNode());
      ExperimentSpec spec = switch (kind == null ? "" : kind) {
        case "startup" -> startup(m, entry, d);
        case "memory" -> memory(m, entry);
        case "monitor" -> monitor(m, entry);
        default -> {
          error(kindTuple.getValueNode(),
              "unknown experiment kind '" + kind + "'; use startup, memory or monitor");
          yield null;
        }
      };
      if (spec != null) {
        out.add(spec);
      }
      entry++;
    }
    return out;
  }

  private StartupSpec startup(MappingNode m, int entry, Defaults d) {
    Map<String, NodeTuple> k = keys(m, Set.of("kind", "instances", "stagger", "iterations",
        "warmup", "cooldown", "timeout", "probeInterval"), "a startup experiment");
    List<Integer> instances = k.containsKey("instances")
        ? integers(k.get("instances").getValueNode(), "instances", 1, AddressPlan.MAX_INSTANCES)
        : List.of(1);
    List<Stagger> staggers = new ArrayList<>();
    if (k.containsKey("stagger")) {
      for (Node s : scalarOrList(k.get("stagger").getValueNode())) {
        String text = string(s);
        if (text == null) {
          continue;
        }
        try {
          staggers.add(Stagger.parse(text));
        } catch (UserError e) {
          error(s, "stagger: '" + text + "' is not none, yield or a duration such as 25ms or 0.5s");
        }
      }
    } else {
      staggers.add(Stagger.NONE);
    }
    int iterations = k.containsKey("iterations")
        ? integer(k.get("iterations").getValueNode(), "iterations", 1, 100_000) : d.iterations();
    int warmup = k.containsKey("warmup")
        ? integer(k.get("warmup").getValueNode(), "warmup", 0, 100_000) : d.warmup();
    Duration cooldown = k.containsKey("cooldown")
        ? duration(k.get("cooldown").getValueNode(), "cooldown", false) : d.cooldown();
    Duration timeout = k.containsKey("timeout")
        ? duration(k.get("timeout").getValueNode(), "timeout", true) : d.timeout();
    Duration probe = Duration.ofNanos(500_000);
    if (k.containsKey("probeInterval")) {
      Node pn = k.get("probeInterval").getValueNode();
      probe = duration(pn, "probeInterval", true);
      if (probe != null && probe.compareTo(Duration.ofMillis(1)) > 0) {
        error(pn, "probeInterval must be at most 1ms");
      }
    }
    if (cooldown == null || timeout == null || probe == null) {
      return null;
    }
    return new StartupSpec(entry, instances, staggers, iterations, warmup, cooldown, timeout, probe);
  }

  private MemorySpec memory(MappingNode m, int entry) {
    Map<String, NodeTuple> k = keys(m, Set.of("kind", "instances", "settle"), "a memory experiment");
    List<Integer> instances = k.containsKey("instances")
        ? integers(k.get("instances").getValueNode(), "instances", 1, 4096) : List.of(1);
    Duration settle = k.containsKey("settle")
        ? duration(k.get("settle").getValueNode(), "settle", true) : Duration.ofSeconds(10);
    return settle == null ? null : new MemorySpec(entry, instances, settle);
  }

  private MonitorSpec monitor(MappingNode m, int entry) {
    Map<String, NodeTuple> k = keys(m,
        Set.of("kind", "interval", "idle", "load", "after", "delay"), "a monitor experiment");
    Duration interval = opt(k, "interval", Duration.ofMillis(250), true);
    Duration idle = opt(k, "idle", Duration.ofSeconds(5), false);
    Duration load = opt(k, "load", Duration.ofSeconds(20), true);
    Duration after = opt(k, "after", Duration.ofSeconds(5), false);
    Duration delay = opt(k, "delay", Duration.ofMillis(1), false);
    if (interval == null || idle == null || load == null || after == null || delay == null) {
      return null;
    }
    return new MonitorSpec(entry, interval, idle, load, after, delay);
  }

  private Duration opt(Map<String, NodeTuple> k, String key, Duration dflt, boolean positive) {
    return k.containsKey(key) ? duration(k.get(key).getValueNode(), key, positive) : dflt;
  }

  // ---- node helpers: each reports its own error with the node's line and returns null/empty

  private Map<String, NodeTuple> keys(MappingNode m, Set<String> allowed, String what) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = string(t.getKeyNode());
      if (key == null) {
        continue;
      }
      if (!allowed.contains(key)) {
        error(t.getKeyNode(), "unknown key '" + key + "' in " + what + "; expected one of "
            + String.join(", ", allowed.stream().sorted().toList()));
      } else {
        out.put(key, t);
      }
    }
    return out;
  }

  private static NodeTuple find(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
        return t;
      }
    }
    return null;
  }

  private List<Node> sequence(Node node, String key) {
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    error(node, key + ": is a list, e.g. " + key + ": [a, b]");
    return List.of();
  }

  private static List<Node> scalarOrList(Node node) {
    return node instanceof SequenceNode s ? s.getValue() : List.of(node);
  }

  private String string(Node node) {
    if (node instanceof ScalarNode s) {
      return s.getValue().strip();
    }
    error(node, "expected a single value here, not a list or mapping");
    return null;
  }

  private int integer(Node node, String key, int min, int max) {
    String s = string(node);
    if (s == null) {
      return min;
    }
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) {
        error(node, key + ": " + v + " is out of range; use " + min + " to " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      error(node, key + ": '" + s + "' is not a whole number");
      return min;
    }
  }

  private List<Integer> integers(Node node, String key, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (Node n : scalarOrList(node)) {
      out.add(integer(n, key, min, max));
    }
    if (out.isEmpty()) {
      error(node, key + ": is empty");
    }
    return out;
  }

  private Duration duration(Node node, String key, boolean positive) {
    String s = string(node);
    if (s == null) {
      return null;
    }
    try {
      return positive ? Durations.positive(key, s) : Durations.parse(key, s);
    } catch (UserError e) {
      error(node, e.getMessage());
      return null;
    }
  }

  private void error(Node node, String message) {
    errors.add(new SuiteError(file, line(node), message));
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }
}
