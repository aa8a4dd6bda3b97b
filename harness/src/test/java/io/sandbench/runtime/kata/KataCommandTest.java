package io.sandbench.runtime.kata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.host.Binary;
import io.sandbench.host.Kvm;
import io.sandbench.runtime.Availability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kata's docker command lines, and why it cannot run here. */
class KataCommandTest {
  final KataCommand cmd = new KataCommand("/usr/bin/docker", KataCommand.SHIM);

  @Test
  void runUsesTheKataShimPublishesOnLoopbackOnlyAndLabelsTheRun() {
    List<String> argv = cmd.run("abc123", 3, 18403, "sandbench/busybox-httpd:abc123",
        List.of("/bin/busybox", "httpd", "-f", "-p", "0.0.0.0:8080"));
    assertEquals(List.of("/usr/bin/docker", "run", "--detach", "--rm"), argv.subList(0, 4));
    assertEquals("io.containerd.kata.v2", argv.get(argv.indexOf("--runtime") + 1));
    assertEquals("sandbench-abc123-3", argv.get(argv.indexOf("--name") + 1));
    assertEquals("io.sandbench.tag=abc123", argv.get(argv.indexOf("--label") + 1));
    assertEquals("127.0.0.1:18403:8080", argv.get(argv.indexOf("--publish") + 1));
    int image = argv.indexOf("sandbench/busybox-httpd:abc123");
    assertEquals(List.of("/bin/busybox", "httpd", "-f", "-p", "0.0.0.0:8080"), argv.subList(image + 1, argv.size()));
    assertEquals(List.of("/usr/bin/docker", "ps", "--all", "--quiet", "--filter",
        "label=io.sandbench.tag=dead00", "--format", "{{.Names}}"), cmd.listTagged("dead00"));
    assertEquals(List.of("/usr/bin/docker", "rm", "--force", "sandbench-abc123-3"), cmd.remove("sandbench-abc123-3"));
  }

  @Test
  void notAvailableSaysWhyAndWhatToInstall() {
    Binary none = new Binary("containerd-shim-kata-v2", Binary.Status.MISSING, "", "", "not found on PATH", "");
    Binary docker = new Binary("docker", Binary.Status.FOUND, "/usr/bin/docker", "Docker version 20.10", "", "");
    Availability a = KataRuntime.availability(none, docker, Kvm.of(false, ""));
    assertFalse(a.available());
    assertTrue(a.explain("kata").startsWith("kata is not available here: containerd-shim-kata-v2 not found on PATH"), a.explain("kata"));
    assertTrue(a.fix().contains("kata-containers/kata-containers/releases"), a.fix());
    Binary shim = new Binary("containerd-shim-kata-v2", Binary.Status.FOUND, "/opt/kata/bin/containerd-shim-kata-v2", "3.2", "", "");
    Binary noDocker = new Binary("docker", Binary.Status.MISSING, "", "", "not found on PATH", "");
    assertTrue(KataRuntime.availability(shim, noDocker, Kvm.of(true, "kvm_intel 1 0\n")).fix().contains("docker.io"));
    assertTrue(KataRuntime.availability(shim, docker, Kvm.of(false, "")).reason().contains("KVM"));
    assertTrue(KataRuntime.availability(shim, docker, Kvm.of(true, "kvm_intel 1 0 - Live\n")).available());
  }
}
