package io.sandbench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuiteFileTest {
  private static final String GOOD = """
      name: t
      iterations: 3
      cooldown: 1s
      runtimes:
        - native
        - runc
        - name: custom
          label: shim
          options: {launch: "env {workload}"}
      workloads: [busybox-httpd, webd]
      experiments:
        - kind: startup
          instances: [1, 4]
          stagger: [none, 25ms]
        - kind: startup
          instances: 8
          stagger: yield
          iterations: 1
        - kind: memory
          instances: [1, 2]
        - kind: monitor
          load: 3s
      """;

  @Test
  void aGoodSuiteSplitsIntoUnitsWithDefaultsApplied() {
    Suite s = SuiteFile.parse("good.yaml", GOOD);
    assertEquals(List.of("native", "runc", "shim"),
        s.runtimes().stream().map(SuiteRuntime::label).toList());
    assertEquals("custom", s.runtimes().get(2).name());
    assertEquals("env {workload}", s.runtimes().get(2).options().get("launch"));
    StartupSpec first = (StartupSpec) s.experiments().get(0);
    assertEquals(3, first.iterations());
    assertEquals(Duration.ofSeconds(1), first.cooldown());
    assertEquals(List.of("1xnone", "1x25ms", "4xnone", "4x25ms"),
        first.units().stream().map(ExperimentSpec.Unit::key).toList());
    assertEquals(1, ((StartupSpec) s.experiments().get(1)).iterations());
    assertEquals(8, s.maxInstances(), "the largest count of any entry (memory: 2 + 1)");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("runtimes: [native, qemmu]\nworkloads: [webd]\nexperiments: [{kind: startup}]\n",
            1, "unknown runtime 'qemmu'"),
        Arguments.of("runtimes: [native]\nworkloads: [webd]\nexperiments:\n  - kind: startup\n"
            + "    instances: [1, x]\n", 5, "instances: 'x' is not a whole number"),
        Arguments.of("runtimes: [native]\nworkloads: [webd]\nexperiments:\n  - kind: startup\n"
            + "    stagger: [none, fast]\n", 5, "stagger: 'fast' is not none, yield"),
        Arguments.of("runtimes: [native]\nworkloads: [webd]\nexperiments:\n  - kind: startp\n",
            4, "unknown experiment kind 'startp'"),
        Arguments.of("runtimes: [native]\nworkloads: [nginx]\nexperiments: [{kind: startup}]\n",
            2, "unknown workload 'nginx'"),
        Arguments.of("runtimes: [native]\nworkloads: [webd]\ncooldown: 5 sec\n"
            + "experiments: [{kind: startup}]\n", 3, "cooldown: '5 sec' is not a duration"),
        Arguments.of("runtimes: [native]\nworkloads: [webd]\nexperiments:\n  - kind: monitor\n"
            + "    lod: 20s\n", 5, "unknown key 'lod'"),
        Arguments.of("runtimes: [native]\nworkloads: [webd]\n", 1, "missing experiments:"),
        Arguments.of("runtimes: [native\nworkloads: [webd]\n", 2, "not valid YAML"),
        Arguments.of("runtimes: [native, native]\nworkloads: [webd]\nexperiments: [{kind: startup}]\n",
            1, "runtime 'native' is listed twice"),
        Arguments.of("basePort: 65000\nruntimes: [native]\nworkloads: [webd]\nexperiments:\n"
            + "  - {kind: startup, instances: 1024}\n", 1, "leaves no room for 1024 instances"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void everyErrorNamesFileAndLine(String text, int line, String message) {
    InvalidSuite e = assertThrows(InvalidSuite.class, () -> SuiteFile.parse("bad.yaml", text));
    SuiteError first = e.errors().get(0);
    assertEquals("bad.yaml", first.file());
    assertEquals(line, first.line(), e.getMessage());
    assertTrue(first.message().contains(message), first.message());
    assertTrue(first.toString().startsWith("bad.yaml:" + line + ": "), first.toString());
  }

  @Test
  void allErrorsAreReportedTogether() {
    String text = "runtimes: [native, nope]\nworkloads: [webd, nginx]\nexperiments:\n"
        + "  - kind: startup\n    iterations: 0\n";
    InvalidSuite e = assertThrows(InvalidSuite.class, () -> SuiteFile.parse("x.yaml", text));
    assertEquals(List.of(1, 2, 5), e.errors().stream().map(SuiteError::line).toList());
  }

  @Test
  void theExamplesAreValid() throws Exception {
    java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("sandbench.home", ".."));
    for (String f : List.of("quick.yaml", "reference.yaml")) {
      Suite s = SuiteFile.read(home.resolve("examples").resolve(f));
      assertTrue(s.runtimes().stream().anyMatch(r -> r.name().equals("native")), f);
    }
    Suite ref = SuiteFile.read(home.resolve("examples/reference.yaml"));
    StartupSpec scan = (StartupSpec) ref.experiments().get(0);
    assertEquals(List.of(1, 4, 8, 16, 32, 64), scan.instances());
    assertEquals(5, scan.iterations());
    assertEquals(Duration.ofSeconds(5), scan.cooldown());
    assertEquals(6, ((StartupSpec) ref.experiments().get(1)).staggers().size());
    assertEquals(List.of(128, 1024), ((StartupSpec) ref.experiments().get(2)).instances());
    assertEquals(3, BaselineFile.read(home.resolve("examples/baseline.yaml")).size());
  }

  @Test
  void baselineErrorsNameTheirLine() {
    InvalidSuite e = assertThrows(InvalidSuite.class, () -> BaselineFile.parse("b.yaml",
        "- metric: startup.mean_ms\n  max: 5\n- metric: startup.speed\n  max: 1\n"
            + "- metric: startup.mean_ms\n  mid: 3\n"));
    assertEquals(List.of(3, 6), e.errors().stream().map(SuiteError::line).toList());
    assertTrue(e.errors().get(1).message().contains("mid: needs tolerance:"));
  }
}
