package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.OwnerMark;
import io.sandbench.measure.TestPorts;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.StoredRun;
import io.sandbench.store.StoredScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a suite mid-run keeps what finished; --resume runs only what is missing. */
class SuiteResumeTest {
  @TempDir Path dir;

  @Test
  void resumeAfterKillMinus9RunsOnlyTheMissingUnits() throws Exception {
    Path file = dir.resolve("resume.yaml");
    Files.writeString(file, """
        name: resume
        basePort: %d
        iterations: 2
        cooldown: 200ms
        runtimes: [native, {name: custom, label: shim, options: {launch: "{workload}"}}]
        workloads: [busybox-httpd]
        experiments:
          - kind: startup
            instances: 3
            stagger: [none, 1ms, 2ms, 3ms, 4ms]
        """.formatted(TestPorts.base()));
    Path db = dir.resolve("r.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dsandbench.home=" + System.getProperty("sandbench.home"), Main.class.getName(),
        "suite", file.toString(), "--db", db.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("child.log").toFile());
    Process child = pb.start();
    String runId;
    try {
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        assertTrue(child.isAlive(), "the suite ended (exit " + (child.isAlive() ? "" : child.exitValue()) + ") before it could be killed: "
            + Files.readString(dir.resolve("child.log")));
        assertTrue(System.nanoTime() < until, "no unit finished within 60 s");
        if (Files.exists(db)) {
          try (ResultsDb r = ResultsDb.open(db)) {
            if (!r.runs().isEmpty() && r.completedKeys(r.runs().get(0).id()).size() >= 3) {
              runId = r.runs().get(0).id();
              break;
            }
          }
        }
        Thread.sleep(50);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
    }
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));

    Map<String, Instant> before;
    try (ResultsDb r = ResultsDb.open(db)) {
      assertEquals(StoredRun.RUNNING, r.requireRun(runId).status(), "killed, not finished");
      before = r.scenarios(runId).stream().filter(StoredScenario::done)
          .collect(Collectors.toMap(StoredScenario::key, StoredScenario::finishedAt));
    }
    assertTrue(before.size() >= 3 && before.size() < 10, "killed mid-run: " + before.keySet());

    Path html = dir.resolve("resumed.html");
    CliRun resumed = CliRun.of("suite", "--resume", runId, "--db", db.toString(), "--html",
        html.toString());
    assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
    assertTrue(resumed.err().contains("resuming run " + runId), resumed.err());
    assertTrue(Files.readString(html).contains("shim / native"), "the report covers the whole run");
    assertTrue(resumed.out().contains((10 - before.size()) + " units measured, " + before.size()
        + " done before"), resumed.out());
    try (ResultsDb r = ResultsDb.open(db)) {
      assertEquals(StoredRun.FINISHED, r.requireRun(runId).status());
      List<StoredScenario> all = r.scenarios(runId);
      assertEquals(10, all.size());
      assertTrue(all.stream().allMatch(StoredScenario::done));
      Map<String, Instant> after = all.stream()
          .collect(Collectors.toMap(StoredScenario::key, StoredScenario::finishedAt));
      before.forEach((k, t) -> assertEquals(t, after.get(k), k + " was run again"));
      assertEquals(1, r.runs().size(), "resumed in place, no new run");
    }
    assertEquals(List.of(), OwnerMark.markedBy(child.pid()), "the killed run's instances remain");
  }

  @Test
  void ctrlCMidSuiteLeavesNoProcessAndKeepsWhatFinished() throws Exception {
    Path file = dir.resolve("int.yaml");
    Files.writeString(file, """
        basePort: %d
        iterations: 3
        cooldown: 300ms
        runtimes: [native]
        workloads: [busybox-httpd]
        experiments: [{kind: startup, instances: 4, stagger: [none, 1ms, 2ms, 3ms, 4ms, 5ms]}]
        """.formatted(TestPorts.base()));
    Path db = dir.resolve("int.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dsandbench.home=" + System.getProperty("sandbench.home"), Main.class.getName(),
        "suite", file.toString(), "--db", db.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("int.log").toFile());
    Process child = pb.start();
    try {
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (OwnerMark.markedBy(child.pid()).isEmpty() || !oneUnitDone(db)) {
        assertTrue(child.isAlive(), Files.readString(dir.resolve("int.log")));
        assertTrue(System.nanoTime() < until, "nothing done within 60 s");
        Thread.sleep(20);
      }
      io.sandbench.exec.ExternalCommand.run(
          List.of("kill", "-INT", Long.toString(child.pid())), Duration.ofSeconds(5));
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the suite did not stop on SIGINT");
    } finally {
      child.destroyForcibly();
    }
    assertEquals(List.of(), OwnerMark.markedBy(child.pid()), "instances left behind");
    try (ResultsDb r = ResultsDb.open(db)) {
      String id = r.runs().get(0).id();
      assertTrue(r.completedKeys(id).size() >= 1);
      assertTrue(r.scenarios(id).stream().allMatch(StoredScenario::done), "only whole units");
    }
  }

  private static boolean oneUnitDone(Path db) {
    if (!Files.exists(db)) {
      return false;
    }
    try (ResultsDb r = ResultsDb.open(db)) {
      return !r.runs().isEmpty() && !r.completedKeys(r.runs().get(0).id()).isEmpty();
    }
  }

  @Test
  void resumeRefusesAChangedSuiteFile() throws Exception {
    Path file = dir.resolve("s.yaml");
    String text = "basePort: %d\ncooldown: 0s\niterations: 1\nruntimes: [native]\n"
        + "workloads: [busybox-httpd]\nexperiments: [{kind: startup}]\n";
    Files.writeString(file, text.formatted(TestPorts.base()));
    Path db = dir.resolve("s.db");
    assertEquals(0, CliRun.of("suite", file.toString(), "--db", db.toString()).exitCode());
    String id;
    try (ResultsDb r = ResultsDb.open(db)) {
      id = r.runs().get(0).id();
    }
    Files.writeString(file, text.formatted(TestPorts.base()).replace("iterations: 1", "iterations: 2"));
    CliRun r = CliRun.of("suite", file.toString(), "--resume", id, "--db", db.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("has changed since run " + id), r.err());
    CliRun unknown = CliRun.of("suite", "--resume", "nope", "--db", db.toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("no run 'nope'"), unknown.err());
  }
}
