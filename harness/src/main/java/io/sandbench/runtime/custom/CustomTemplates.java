package io.sandbench.runtime.custom;

import io.sandbench.UserError;
import io.sandbench.scenario.ArgvTemplate;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The article's shim, as data: {@code launch}, {@code endpoint}, {@code stop} and {@code cleanup}
 * templates from {@code --runtime-opt key=value} or a properties file ({@code --runtime-opt
 * file=F}; flags win). Placeholders: {id}, {port}, {ip} (the instance's isolated address),
 * {hostip}, {run} and, as a whole argument, {workload} (the workload's argv).
 */
record CustomTemplates(
    ArgvTemplate launch, String endpoint, ArgvTemplate stop, ArgvTemplate cleanup) {

  static CustomTemplates from(Map<String, String> options) {
    Map<String, String> all = new HashMap<>();
    String file = options.get("file");
    if (file != null) {
      all.putAll(readFile(Path.of(file)));
    }
    all.putAll(options);
    String launch = all.get("launch");
    if (launch == null || launch.isBlank()) {
      throw new UserError(
          "custom: no launch template; give --runtime-opt launch='CMD ARGS with {port}' or a file");
    }
    if (!launch.contains("{port}") && !launch.contains("{workload}")) {
      throw new UserError(
          "custom: the launch template must contain {port} (or {workload}, which carries it): "
              + launch);
    }
    String endpoint = all.getOrDefault("endpoint", "http://127.0.0.1:{port}/");
    if (!endpoint.startsWith("http://")) {
      throw new UserError("custom: the endpoint template must start with http://, got " + endpoint);
    }
    return new CustomTemplates(
        ArgvTemplate.parse("custom launch", launch),
        endpoint,
        optional("custom stop", all.get("stop")),
        optional("custom cleanup", all.get("cleanup")));
  }

  private static ArgvTemplate optional(String what, String text) {
    return text == null || text.isBlank() ? null : ArgvTemplate.parse(what, text);
  }

  private static Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UserError("custom: cannot read the template file " + file + ": " + e.getMessage());
    }
    Map<String, String> m = new HashMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString()));
    return m;
  }
}
