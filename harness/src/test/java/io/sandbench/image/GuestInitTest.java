package io.sandbench.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init script: valid shell, arguments quoted, the ip= contract. */
class GuestInitTest {
  @TempDir Path dir;

  @Test
  void argumentsSurviveShellQuoting() throws Exception {
    List<String> argv = List.of("/workload/bin/x", "a b", "it's", "$HOME", "\"q\"", "");
    Path script = dir.resolve("echo.sh");
    Files.writeString(script, "for a in " + GuestInit.shellWords(argv) + "; do printf '[%s]' \"$a\"; done\n");
    CommandResult r = ExternalCommand.run(List.of("/bin/busybox", "sh", script.toString()), Duration.ofSeconds(10));
    assertEquals("[/workload/bin/x][a b][it's][$HOME][\"q\"][]", r.stdout());
  }

  @Test
  void scriptParsesAsShellAndCarriesTheModulesInOrder() throws Exception {
    String init = GuestInit.script(List.of("virtio_ring", "virtio", "virtio_mmio"), List.of("/workload/bin/busybox", "httpd"));
    Path script = dir.resolve("init");
    Files.writeString(script, init);
    CommandResult r = ExternalCommand.run(List.of("/bin/busybox", "sh", "-n", script.toString()), Duration.ofSeconds(10));
    assertTrue(r.ok(), r.describe());
    int ring = init.indexOf("insmod /lib/modules/virtio_ring.ko");
    int virtio = init.indexOf("insmod /lib/modules/virtio.ko");
    assertTrue(ring >= 0 && virtio > ring, "modules must load dependencies first");
    assertTrue(init.contains("*:1F90\\ 0A"), "listens on " + GuestInit.GUEST_PORT);
  }

  @Test
  void kernelArgsCarryTheAddressAndTheDisk() {
    assertEquals(
        List.of("ip=10.213.0.2::10.213.0.1:255.255.255.252::eth0:off", "sandbench.disk=/dev/vda", "printk.devkmsg=on"),
        GuestInit.kernelArgs("10.213.0.2", "10.213.0.1", "255.255.255.252", "eth0", "/dev/vda"));
  }
}
