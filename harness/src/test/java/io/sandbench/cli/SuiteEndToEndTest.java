package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.measure.TestPorts;
import io.sandbench.report.RunData;
import io.sandbench.result.StartupIteration;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.RunCopy;
import io.sandbench.store.RunSummary;
import io.sandbench.store.RuntimeStatus;
import io.sandbench.store.StoredScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite with two runtimes that run here (native, and custom as the article's shim) plus one
 * that is skipped, end to end: into the database, out as runs, report, compare and check.
 */
class SuiteEndToEndTest {
  @TempDir static Path dir;
  static Path db;
  static String runId;
  static CliRun suiteRun;

  static String suite(int basePort) {
    return """
        name: e2e
        basePort: %d
        iterations: 4
        cooldown: 0s
        timeout: 20s
        runtimes:
          - native
          - name: custom
            label: shim
            options: {launch: "env SHIM=1 {workload}"}
          - kata
        workloads: [busybox-httpd]
        experiments:
          - kind: startup
            instances: [8]
          - kind: startup
            instances: 8
            stagger: [2ms, yield]
        """.formatted(basePort);
  }

  @BeforeAll
  static void runSuite() throws Exception {
    Path file = dir.resolve("e2e.yaml");
    Files.writeString(file, suite(TestPorts.base()));
    db = dir.resolve("results.db");
    suiteRun = CliRun.of("suite", file.toString(), "--db", db.toString());
    try (ResultsDb r = ResultsDb.open(db)) {
      List<RunSummary> runs = r.runs();
      assertEquals(1, runs.size(), suiteRun.err());
      runId = runs.get(0).id();
    }
  }

  @Test
  void everyUnitOfBothRuntimesIsStoredWithItsRawSamples() {
    assertEquals(0, suiteRun.exitCode(), suiteRun.err() + suiteRun.out());
    try (ResultsDb r = ResultsDb.open(db)) {
      List<StoredScenario> units = r.scenarios(runId);
      assertEquals(6, units.size(), units.toString());
      assertTrue(units.stream().allMatch(StoredScenario::done), units.toString());
      assertEquals(List.of("native", "shim"), units.stream().map(StoredScenario::runtime).distinct().toList());
      StoredScenario eight = units.stream()
          .filter(u -> u.runtime().equals("shim") && u.unit().equals("8xnone")).findFirst().orElseThrow();
      assertEquals("custom", eight.driver());
      List<StartupIteration> its = r.startupIterations(runId, eight.key());
      assertEquals(4, its.size());
      assertTrue(its.stream().allMatch(i -> i.samples().size() == 8 && i.failures() == 0));
      assertTrue(eight.resultJson().contains("summaryMillis"), eight.resultJson());
      RuntimeStatus kata = r.runtimeStatuses(runId).stream()
          .filter(s -> s.runtime().equals("kata")).findFirst().orElseThrow();
      assertFalse(kata.available());
      assertFalse(kata.reason().isBlank());
    }
    assertTrue(suiteRun.out().contains("shim / native"), suiteRun.out());
    assertTrue(suiteRun.err().contains("[6/9]"), "progress on stderr: " + suiteRun.err());
  }

  @Test
  void runsListsTheRun() {
    CliRun r = CliRun.of("runs", "--db", db.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(runId) && r.out().contains("finished"), r.out());
  }

  @Test
  void reportsShowTheRuntimesTheSkipReasonAndTheRatios() throws Exception {
    Path html = dir.resolve("r.html");
    Path md = dir.resolve("r.md");
    CliRun r = CliRun.of("report", "latest", "--db", db.toString(), "--html", html.toString(),
        "--markdown", md.toString());
    assertEquals(0, r.exitCode(), r.err());
    String page = Files.readString(html);
    assertTrue(page.contains("<svg class=\"chart\""), "inline charts");
    assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external asset");
    assertTrue(page.contains("kata") && page.contains("skipped"), "skipped runtime shown");
    String text = Files.readString(md);
    assertTrue(text.contains("shim / native"), text);
    assertTrue(text.matches("(?s).*\\| +8 \\| 2ms +\\|.*"), text);
  }

  @Test
  void compareDoesNotFlagARunAgainstItself() {
    CliRun r = CliRun.of("compare", runId, runId, "--db", db.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("0 regression(s)"), r.out());
  }

  @Test
  void compareFlagsATwofoldSlowdown() throws Exception {
    Path copy = dir.resolve("slow.db");
    Files.copy(db, copy);
    RunCopy.copy(copy, runId, "slow", 2.0);
    Path json = dir.resolve("cmp.json");
    CliRun r = CliRun.of("compare", runId, "slow", "--db", copy.toString(), "--json", json.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    try (ResultsDb d = ResultsDb.open(copy)) {
      RunData slow = RunData.load(d, "slow");
      assertEquals(6, slow.startup().size());
    }
    long flagged = r.out().lines().filter(l -> l.contains("| regression")).count();
    assertEquals(6, flagged, "a 2x slowdown is flagged in every configuration:\n" + r.out());
    assertTrue(Files.readString(json).contains("REGRESSION"), Files.readString(json));
  }

  @Test
  void checkPassesAndFailsOnBounds() throws Exception {
    Path loose = dir.resolve("loose.yaml");
    Files.writeString(loose, """
        - metric: startup.failures
          max: 0
        - metric: startup.mean_ms
          runtime: shim
          mid: 1000
          tolerance: 100%
        """);
    CliRun ok = CliRun.of("check", runId, "--db", db.toString(), "--baseline", loose.toString());
    assertEquals(0, ok.exitCode(), ok.out() + ok.err());
    assertTrue(ok.out().contains("All bounds hold."), ok.out());

    Path tight = dir.resolve("tight.yaml");
    Files.writeString(tight, """
        - metric: startup.mean_ms
          runtime: native
          instances: 8
          max: 0.001
        """);
    CliRun broken = CliRun.of("check", runId, "--db", db.toString(), "--baseline", tight.toString());
    assertEquals(1, broken.exitCode(), broken.out());
    assertTrue(broken.out().contains("FAIL"), broken.out());

    Path none = dir.resolve("none.yaml");
    Files.writeString(none, "- metric: startup.mean_ms\n  runtime: firecracker\n  max: 100\n");
    CliRun missing = CliRun.of("check", runId, "--db", db.toString(), "--baseline", none.toString());
    assertEquals(1, missing.exitCode(), "a bound matching nothing fails: " + missing.out());
  }

  @Test
  void mergeCopiesRunsOnceAndKeepsIdsUnique() throws Exception {
    Path other = dir.resolve("other.db");
    Files.copy(db, other);
    RunCopy.copy(other, runId, "from-other-host", 1.0);
    Path target = dir.resolve("merged.db");
    CliRun first = CliRun.of("merge", target.toString(), db.toString(), other.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("1 runs added, 1 already present"), first.out());
    CliRun again = CliRun.of("merge", target.toString(), other.toString());
    assertTrue(again.out().contains("0 runs added, 2 already present"), again.out());
    try (ResultsDb m = ResultsDb.open(target)) {
      assertEquals(List.of(runId, "from-other-host"),
          m.runs().stream().map(RunSummary::id).sorted().toList());
      assertEquals(6, m.scenarios("from-other-host").size());
      assertEquals(RunData.load(m, runId).startup().get(0).configuration().readyMillis().length,
          RunData.load(m, "from-other-host").startup().get(0).configuration().readyMillis().length);
    }
  }

  @Test
  void aRuntimeThatCannotBePreparedFailsItsUnitsAndTheSuiteGoesOn() throws Exception {
    Path file = dir.resolve("prep.yaml");
    Files.writeString(file, """
        basePort: %d
        iterations: 1
        cooldown: 0s
        runtimes: [{name: custom, options: {stop: "true"}}, native]
        workloads: [busybox-httpd]
        experiments: [{kind: startup, instances: 1}]
        """.formatted(TestPorts.base()));
    Path fresh = dir.resolve("prep.db");
    CliRun r = CliRun.of("suite", file.toString(), "--db", fresh.toString());
    assertEquals(1, r.exitCode(), "a failed unit makes the suite fail: " + r.err());
    try (ResultsDb d = ResultsDb.open(fresh)) {
      List<StoredScenario> units = d.scenarios(d.runs().get(0).id());
      assertEquals(List.of("failed", "done"), units.stream().map(StoredScenario::status).toList());
      assertTrue(units.get(0).reason().contains("no launch template"), units.get(0).reason());
    }
  }

  @Test
  void instancesThatNeverAnswerFailTheSuiteAndTheReportSaysWhy() throws Exception {
    Path file = dir.resolve("silent.yaml");
    Files.writeString(file, """
        basePort: %d
        iterations: 1
        cooldown: 0s
        timeout: 1s
        runtimes: [{name: custom, label: silent, options: {launch: "sleep 30 {port}"}}]
        workloads: [busybox-httpd]
        experiments: [{kind: startup, instances: 2}]
        """.formatted(TestPorts.base()));
    Path fresh = dir.resolve("silent.db");
    Path md = dir.resolve("silent.md");
    CliRun r = CliRun.of("suite", file.toString(), "--db", fresh.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("2 instance(s) never answered"), r.out());
    CliRun rep = CliRun.of("report", "latest", "--db", fresh.toString(), "--markdown", md.toString());
    assertEquals(0, rep.exitCode(), rep.err());
    String text = Files.readString(md);
    assertTrue(text.contains("## Instances that never answered"), text);
    assertTrue(text.matches(
        "(?s).*\\| silent +\\| busybox-httpd \\| +2, stagger none \\| +2 \\| no HTTP 200.*"), text);
  }

  @Test
  void badSuiteFilesExitTwoWithOneLinePerErrorAndWriteNothing() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "runtimes: [native, nope]\nworkloads: [webd]\nexperiments:\n"
        + "  - kind: startup\n    instances: 0\n");
    Path fresh = dir.resolve("fresh.db");
    CliRun r = CliRun.of("suite", bad.toString(), "--db", fresh.toString());
    assertEquals(2, r.exitCode());
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith(bad + ":1: unknown runtime 'nope'"), lines.get(0));
    assertTrue(lines.get(1).startsWith(bad + ":5: instances: 0 is out of range"), lines.get(1));
    assertFalse(Files.exists(fresh), "nothing ran, no database created");

    Path good = dir.resolve("good.yaml");
    Files.writeString(good, suite(TestPorts.base()));
    CliRun check = CliRun.of("suite", "--check", good.toString(), "--db", fresh.toString());
    assertEquals(0, check.exitCode(), check.err());
    assertTrue(check.out().contains("9 units, 3 runtimes, 1 workloads"), check.out());
    assertFalse(Files.exists(fresh), "--check runs nothing");
  }
}
