package io.sandbench.runtime.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.UserError;
import io.sandbench.host.Binary;
import io.sandbench.host.Kvm;
import io.sandbench.runtime.Availability;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Firecracker's command lines (direct and jailed) and why it cannot run here. */
class FirecrackerCommandTest {
  static final Path FC = Path.of("/opt/fc/firecracker");

  @Test
  void directLaunchUsesConfigFileApiSocketAndBootTimer() {
    List<String> argv = new FirecrackerCommand(FC, null, 0, 0).argv("sandbench-abc123-0", Path.of("/w/i0"), Path.of("/w/i0/jail"));
    assertEquals(List.of("/opt/fc/firecracker", "--api-sock", "/w/i0/api.sock", "--config-file",
        "/w/i0/vm.json", "--boot-timer"), argv);
  }

  @Test
  void jailedLaunchPassesFirecrackerArgumentsAfterTheSeparator() {
    List<String> argv =
        new FirecrackerCommand(FC, Path.of("/opt/fc/jailer"), 65534, 65534)
            .argv("sandbench-abc123-7", Path.of("/w/i7"), Path.of("/w/i7/jail"));
    assertEquals("/opt/fc/jailer", argv.get(0));
    assertEquals("sandbench-abc123-7", argv.get(argv.indexOf("--id") + 1));
    assertTrue(argv.get(argv.indexOf("--id") + 1).matches("[a-zA-Z0-9-]{1,64}"), "jailer ids are alphanumeric and dashes");
    assertEquals(FC.toString(), argv.get(argv.indexOf("--exec-file") + 1));
    assertEquals("65534", argv.get(argv.indexOf("--uid") + 1));
    assertEquals("65534", argv.get(argv.indexOf("--gid") + 1));
    assertEquals("/w/i7/jail", argv.get(argv.indexOf("--chroot-base-dir") + 1));
    List<String> inner = argv.subList(argv.indexOf("--") + 1, argv.size());
    assertEquals(List.of("--api-sock", "/run/api.sock", "--config-file", "/vm.json", "--boot-timer"), inner);
    assertEquals(Path.of("/w/i7/jail/firecracker/sandbench-abc123-7/root"),
        FirecrackerCommand.jailRoot(Path.of("/w/i7/jail"), FC, "sandbench-abc123-7"));
  }

  @Test
  void missingBinaryAndMissingKvmSayWhyAndWhatToInstall() {
    Binary missing = new Binary("firecracker", Binary.Status.MISSING, "", "", "not found on PATH", "x");
    Availability a = FirecrackerRuntime.availability(missing, Kvm.of(false, ""));
    assertFalse(a.available());
    assertTrue(a.explain("firecracker").startsWith("firecracker is not available here: firecracker not found on PATH"), a.explain("firecracker"));
    assertTrue(a.fix().contains("firecracker-microvm/firecracker/releases"), a.fix());

    Binary found = new Binary("firecracker", Binary.Status.FOUND, "/opt/fc/firecracker", "Firecracker v1.9.0", "", "x");
    Availability noKvm = FirecrackerRuntime.availability(found, Kvm.of(false, ""));
    assertFalse(noKvm.available());
    assertTrue(noKvm.reason().contains("KVM"), noKvm.reason());
    assertTrue(FirecrackerRuntime.availability(found, Kvm.of(true, "kvm_intel 1 0 - Live\n")).available());
    assertFalse(FirecrackerRuntime.availability(found, Kvm.of(true, "kvm_pvm 1 0 - Live\n")).available());
  }

  @Test
  void aBzImageIsRefusedWithTheFix() {
    UserError e = assertThrows(UserError.class, () -> FirecrackerPrepared.checkVmlinux(Path.of("/etc/hostname")));
    assertTrue(e.getMessage().contains("kernel=PATH"), e.getMessage());
  }
}
