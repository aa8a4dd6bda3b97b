package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.measure.TestPorts;
import io.sandbench.report.CsvTable;
import io.sandbench.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StartupCommandTest {
  @TempDir Path dir;

  static Stream<Arguments> badFlags() {
    return Stream.of(
        Arguments.of(List.of("--instances", "0"), "--instances: 0 is out of range"),
        Arguments.of(List.of("--instances", "1,x"), "is not a whole number"),
        Arguments.of(List.of("--stagger", "fast"), "--stagger: 'fast' is not none, yield"),
        Arguments.of(List.of("--runtime", "nope"), "unknown runtime 'nope'"),
        Arguments.of(List.of("--workload", "nope"), "unknown workload 'nope'"),
        Arguments.of(List.of("--workload", "command", "--command", "sleep 1"), "must contain {port}"),
        Arguments.of(
            List.of("--runtime", "custom", "--runtime-opt", "launch=sleep 5"),
            "the launch template must contain {port}"),
        Arguments.of(List.of("--iterations", "0"), "--iterations must be at least 1"),
        Arguments.of(List.of("--cooldown", "5 sec"), "is not a duration"),
        Arguments.of(List.of("--probe-interval", "2ms"), "at most 1ms"),
        Arguments.of(List.of("--runtime-opt", "novalue"), "is not KEY=VALUE"),
        Arguments.of(List.of("--export-json", "/nonexistent/dir/x.json"), "does not exist"),
        Arguments.of(List.of("--bogus"), "Unknown option"));
  }

  @ParameterizedTest
  @MethodSource("badFlags")
  void badFlagsGiveOneLineAndExitTwoAndWriteNothing(List<String> flags, String expected) {
    Path json = dir.resolve("out.json");
    List<String> args = new java.util.ArrayList<>(List.of("startup"));
    List<String> defaults = List.of("--workload", "busybox-httpd", "--cooldown", "0s", "--iterations", "1");
    for (int i = 0; i < defaults.size(); i += 2) {
      if (!flags.contains(defaults.get(i))) {
        args.addAll(defaults.subList(i, i + 2));
      }
    }
    args.addAll(flags);
    if (!flags.contains("--export-json")) {
      args.addAll(List.of("--export-json", json.toString()));
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(json), "no export written");
  }

  @Test
  void exportsParseBack() throws Exception {
    Path json = dir.resolve("s.json");
    Path csv = dir.resolve("s.csv");
    Path md = dir.resolve("s.md");
    CliRun r = CliRun.of("startup", "--workload", "busybox-httpd", "--instances", "1,2",
        "--iterations", "2", "--cooldown", "0s", "--base-port", Integer.toString(TestPorts.base()),
        "--export-json", json.toString(), "--export-csv", csv.toString(),
        "--export-markdown", md.toString());
    assertEquals(0, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("Iteration #2: On average, "), r.out());

    JsonNode root = Json.mapper().readTree(Files.readString(json));
    assertEquals("startup", root.at("/run/experiment").asText());
    assertFalse(root.at("/run/host/cpuModel").asText().isEmpty());
    assertEquals("native", root.at("/run/runtimeFacts/runtime").asText());
    assertTrue(root.at("/run/runtimeFacts/harnessLauncher").asText().startsWith("sandbench-helper"),
        "the build compiles the native helper, and the export says it launched and probed");
    assertEquals(2, root.at("/configurations").size());
    JsonNode two = root.at("/configurations/1");
    assertEquals(2, two.at("/instances").asInt());
    assertEquals(4, two.at("/summaryMillis/n").asInt());
    assertTrue(two.at("/iterations/0/samples/1/readyMicros").asLong() > 0);

    List<List<String>> rows = CsvTable.parse(Files.readString(csv));
    assertEquals("ready_us", rows.get(0).get(9));
    assertEquals(1 + 2 * 1 + 2 * 2, rows.size(), "header + one row per instance per iteration");

    String markdown = Files.readString(md);
    assertTrue(markdown.contains("| instances | stagger |"), markdown);
    assertTrue(markdown.contains("Iteration #1: On average"), markdown);
  }

  /**
   * Without the native helper (not built, or turned off) the JDK launches and the Java probe
   * measures, and the export says so.
   */
  @Test
  void withoutTheHelperTheJdkLaunchesAndTheJavaProbeMeasures() throws Exception {
    Path json = dir.resolve("jdk.json");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dsandbench.home=" + System.getProperty("sandbench.home", "."),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "startup", "--workload", "busybox-httpd", "--instances", "2", "--iterations", "2",
        "--cooldown", "0s", "--base-port", Integer.toString(TestPorts.base()),
        "--export-json", json.toString());
    pb.environment().put("SANDBENCH_HELPER", "off");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), output);
    assertEquals(0, p.exitValue(), output);
    JsonNode root = Json.mapper().readTree(Files.readString(json));
    assertTrue(root.at("/run/runtimeFacts/harnessLauncher").asText()
        .startsWith("JDK ProcessBuilder and a Java probe (sandbench-helper: turned off by SANDBENCH_HELPER=off)"),
        root.at("/run/runtimeFacts/harnessLauncher").asText());
    assertEquals(0, root.at("/configurations/0/failures").asInt(), output);
    assertTrue(root.at("/configurations/0/iterations/1/samples/1/readyMicros").asLong() > 0);
  }
}
