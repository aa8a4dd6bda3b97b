package io.sandbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryProbeTest {
  @TempDir Path dir;

  private Path script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void aBinaryThatHangsIsReportedAsTimedOutAndKilled() throws Exception {
    Path pidFile = dir.resolve("pid");
    script("runc", "echo $$ > " + pidFile + "\nexec sleep 1000");
    BinaryProbe probe = new BinaryProbe(List.of(dir), Duration.ofMillis(500));
    Binary b = probe.probe(KnownBinary.named("runc"));
    assertEquals(Binary.Status.TIMED_OUT, b.status());
    assertTrue(b.reason().startsWith("timed out"), b.reason());
    assertFalse(b.usable());
    assertFalse(b.toAvailability().available());
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hung probe was not killed");
  }

  @Test
  void probeAllReturnsEveryBinaryInOrderEvenWhenOneHangs() throws Exception {
    script("runc", "exec sleep 1000");
    script("crun", "echo 'crun version 9.9'");
    BinaryProbe probe = new BinaryProbe(List.of(dir), Duration.ofMillis(500));
    List<Binary> all = probe.probeAll(KnownBinary.ALL);
    assertEquals(KnownBinary.ALL.size(), all.size());
    assertEquals("runc", all.get(0).name());
    assertEquals(Binary.Status.TIMED_OUT, all.get(0).status());
    assertEquals("crun version 9.9", all.get(1).version());
    assertEquals(Binary.Status.MISSING, all.get(2).status());
  }

  @Test
  void aMissingBinaryGetsItsInstallHint() {
    BinaryProbe probe = new BinaryProbe(List.of(dir), Duration.ofSeconds(1));
    Binary b = probe.probe(KnownBinary.named("runsc"));
    assertEquals(Binary.Status.MISSING, b.status());
    assertEquals("apt-get install runsc", b.installHint());
    assertEquals("apt-get install runsc", b.toAvailability().fix());
    assertEquals("apt-get install qemu-system-x86", probe.probe(KnownBinary.named("qemu-system-x86_64")).installHint());
    assertEquals("apt-get install docker.io", KnownBinary.named("docker").installHint());
    assertEquals("apt-get install containerd", KnownBinary.named("ctr").installHint());
    assertTrue(KnownBinary.named("firecracker").installHint().startsWith("no Debian package"));
    assertTrue(b.describe().contains("apt-get install runsc"), b.describe());
  }

  @Test
  void versionIsTheFirstNonBlankLineEvenWithANonZeroExit() throws Exception {
    script("wrk", "echo; echo '  wrk 4.1.0 [epoll]  '; echo 'Usage: wrk'; exit 1");
    Binary b = new BinaryProbe(List.of(dir), Duration.ofSeconds(2)).probe(KnownBinary.named("wrk"));
    assertEquals(Binary.Status.FOUND, b.status());
    assertEquals("wrk 4.1.0 [epoll]", b.version());
    assertEquals(dir.resolve("wrk").toString(), b.path());
  }

  @Test
  void aBinaryThatFailsSilentlyIsBroken() throws Exception {
    script("crun", "exit 3");
    Binary b = new BinaryProbe(List.of(dir), Duration.ofSeconds(2)).probe(KnownBinary.named("crun"));
    assertEquals(Binary.Status.BROKEN, b.status());
  }

  @Test
  void aNonExecutableFileIsNotFound() throws Exception {
    Files.writeString(dir.resolve("runc"), "not a program");
    assertEquals(Binary.Status.MISSING, new BinaryProbe(List.of(dir), Duration.ofSeconds(1)).probe(KnownBinary.named("runc")).status());
  }

  @Test
  void findsARealBinaryOnThisMachine() {
    // busybox-static is installed on this machine and on CI (.ci/run).
    Binary b = BinaryProbe.find("busybox");
    assertEquals(Binary.Status.FOUND, b.status(), b.describe());
    assertTrue(b.version().startsWith("BusyBox v"), b.version());
  }
}
