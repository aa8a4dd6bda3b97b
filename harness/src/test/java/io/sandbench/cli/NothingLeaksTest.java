package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.OwnerMark;
import io.sandbench.measure.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl-C and kill -9 of sandbench in the middle of a run leave no process behind. */
class NothingLeaksTest {
  private static final int INSTANCES = 3;

  /** A sandbench JVM whose instances never answer, so it is mid-run when we stop it. */
  private static Process startHangingRun() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dsandbench.home=" + System.getProperty("sandbench.home"), Main.class.getName(),
        "startup", "--workload", "command", "--command", "sleep 600 {port}",
        "--instances", Integer.toString(INSTANCES), "--timeout", "300s",
        "--base-port", Integer.toString(TestPorts.base()));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Launched.by(p.pid()).size() < INSTANCES) {
      assertTrue(p.isAlive(), "sandbench ended before launching its instances");
      assertTrue(System.nanoTime() < until, "instances not launched within 30 s");
      Thread.sleep(50);
    }
    return p;
  }

  private static void awaitNoneOwnedBy(long pid) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!OwnerMark.markedBy(pid).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), OwnerMark.markedBy(pid), "processes left behind");
  }

  @Test
  void ctrlCInTheMiddleLeavesNothing() throws Exception {
    Process p = startHangingRun();
    try {
      ExternalCommand.run(List.of("kill", "-INT", Long.toString(p.pid())), Duration.ofSeconds(5));
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "sandbench did not stop on SIGINT");
      awaitNoneOwnedBy(p.pid());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void afterKillMinus9TheNextRunRemovesTheLeftovers() throws Exception {
    Process p = startHangingRun();
    p.destroyForcibly();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(INSTANCES, Launched.by(p.pid()).size(), "orphans are there to be found");

    CliRun next = CliRun.of("startup", "--workload", "busybox-httpd", "--iterations", "1",
        "--cooldown", "0s", "--base-port", Integer.toString(TestPorts.base()));
    assertEquals(0, next.exitCode(), next.err());
    awaitNoneOwnedBy(p.pid());
  }
}
