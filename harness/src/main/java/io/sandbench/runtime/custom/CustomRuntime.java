package io.sandbench.runtime.custom;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.OwnerMark;
import io.sandbench.host.Host;
import io.sandbench.net.AddressPlan;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.ProcessInstance;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.ArgvTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any runtime driven by command templates: the article's shim scripts, without a shell. The
 * launch command runs as the instance's process tree; {@code stop} runs when an instance ends and
 * {@code cleanup} before a run (both with a deadline).
 */
public final class CustomRuntime implements Runtime {
  private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "custom";
  }

  @Override
  public String summary() {
    return "any runtime driven by launch/endpoint/stop/cleanup command templates (the article's shim)";
  }

  @Override
  public Availability probe(Host host) {
    return Availability.ok("templates");
  }

  @Override
  public Prepared prepare(Setup setup) {
    Map<String, String> options = new LinkedHashMap<>(setup.options());
    options.remove("network");
    CustomTemplates templates = CustomTemplates.from(options);
    Path root = setup.workload().root();
    return new PreparedCustom(setup, templates, root);
  }

  private static final class PreparedCustom implements Prepared {
    private final Setup setup;
    private final CustomTemplates templates;
    private final Path root;

    PreparedCustom(Setup setup, CustomTemplates templates, Path root) {
      this.setup = setup;
      this.templates = templates;
      this.root = root;
    }

    private Map<String, String> values(int id) {
      Map<String, String> v = new LinkedHashMap<>();
      v.put("id", Integer.toString(id));
      v.put("port", Integer.toString(setup.port(id)));
      v.put("ip", AddressPlan.instanceSide(id));
      v.put("hostip", AddressPlan.hostSide(id));
      v.put("run", setup.runId());
      return v;
    }

    private List<String> argv(ArgvTemplate t, int id) {
      Map<String, String> v = values(id);
      List<String> out = new ArrayList<>();
      for (String a : t.fill(v)) {
        if (a.equals("{workload}")) {
          out.addAll(setup.workload().command(root, "127.0.0.1", setup.port(id)));
        } else {
          out.add(a);
        }
      }
      return out;
    }

    @Override
    public Instance launch(int id) {
      List<String> argv = argv(templates.launch(), id);
      String endpoint = templates.endpoint();
      for (Map.Entry<String, String> e : values(id).entrySet()) {
        endpoint = endpoint.replace("{" + e.getKey() + "}", e.getValue());
      }
      Path log = setup.workDir().resolve("instance-" + id + ".log");
      try {
        LaunchedProcess p = LaunchedProcess.start(argv, Map.of(), log);
        return new CustomInstance(id, URI.create(endpoint), p);
      } catch (IOException e) {
        throw new UserError("custom: cannot start " + argv.get(0) + ": " + e.getMessage());
      }
    }

    private final class CustomInstance extends ProcessInstance {
      CustomInstance(int id, URI endpoint, LaunchedProcess p) {
        super(id, endpoint, p);
      }

      @Override
      public void close() {
        super.close();
        if (templates.stop() != null) {
          run(argv(templates.stop(), id()));
        }
      }
    }

    @Override
    public void cleanupLeftovers() {
      OwnerMark.killOrphans();
      if (templates.cleanup() != null) {
        run(argv(templates.cleanup(), 0));
      }
    }

    private static void run(List<String> argv) {
      CommandResult r = ExternalCommand.run(argv, COMMAND_DEADLINE, OwnerMark.environment(), null);
      if (!r.ok()) {
        System.err.println("sandbench: custom: " + r.describe());
      }
    }

    @Override
    public Map<String, String> facts() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("launch", templates.launch().source());
      f.put("endpoint", templates.endpoint());
      if (templates.stop() != null) {
        f.put("stop", templates.stop().source());
      }
      if (templates.cleanup() != null) {
        f.put("cleanup", templates.cleanup().source());
      }
      return f;
    }

    @Override
    public void close() {}
  }
}
