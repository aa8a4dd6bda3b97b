package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.host.Host;
import io.sandbench.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path dir;

  /** Runs sandbench with the arguments; fails if it does not end within {@code deadline}. */
  private static String[] run(Duration deadline, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = CompletableFuture.supplyAsync(() -> Main.run(args)).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void printsTheHostAndEveryBinaryWithinItsDeadline() throws Exception {
    String[] r = run(Duration.ofSeconds(15), "doctor");
    assertEquals("0", r[0], r[2]);
    Host h = Host.detect();
    assertTrue(r[1].contains(h.cpuModel()), r[1]);
    assertTrue(r[1].contains(h.kernel()), r[1]);
    for (String name : new String[] {"runc", "crun", "runsc", "firecracker", "cloud-hypervisor", "kata-runtime", "busybox", "wrk", "smem"}) {
      assertTrue(r[1].contains("| " + name + " "), name + " missing from\n" + r[1]);
    }
    assertTrue(r[1].matches("(?s).*\\| launcher +\\| native helper +\\| sandbench-helper .*"),
        "the build compiled the native helper, and doctor says it is in use:\n" + r[1]);
  }

  @Test
  void aHangingBinaryIsTimedOutAndDoctorStillFinishes() throws Exception {
    Path hang = dir.resolve("firecracker");
    Files.writeString(hang, "#!/bin/sh\nexec sleep 1000\n");
    Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwxr-xr-x"));
    String[] r = run(Duration.ofSeconds(10), "doctor", "--json", "--search-path", dir.toString(), "--probe-deadline", "1");
    assertEquals("0", r[0], r[2]);
    JsonNode root = Json.mapper().readTree(r[1]);
    JsonNode fc = null;
    for (JsonNode b : root.get("binaries")) {
      if (b.get("name").asText().equals("firecracker")) {
        fc = b;
      }
      if (b.get("name").asText().equals("runsc")) {
        assertEquals("MISSING", b.get("status").asText());
        assertEquals("apt-get install runsc", b.get("installHint").asText());
      }
    }
    assertEquals("TIMED_OUT", fc.get("status").asText());
    assertEquals(Host.detect().cpuModel(), root.get("host").get("cpuModel").asText());
  }

  @Test
  void aBadDeadlineIsOneLineAndExitCode2() throws Exception {
    String[] r = run(Duration.ofSeconds(10), "doctor", "--probe-deadline", "0");
    assertEquals("2", r[0]);
    assertTrue(r[2].startsWith("sandbench: --probe-deadline"), r[2]);
    assertEquals(1, r[2].strip().split("\n").length, r[2]);
  }
}
