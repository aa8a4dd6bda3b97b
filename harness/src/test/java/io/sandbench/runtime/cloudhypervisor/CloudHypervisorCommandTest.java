package io.sandbench.runtime.cloudhypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.host.Binary;
import io.sandbench.host.Kvm;
import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestKernel;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.vm.GuestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cloud Hypervisor's argv for our guest, and why it cannot run here. */
class CloudHypervisorCommandTest {
  static GuestImage image(boolean disk) {
    return new GuestImage(
        new GuestKernel(Path.of("/k/vmlinuz"), Optional.empty(), "test"),
        Path.of("/g/initramfs.cpio.gz"),
        disk ? Optional.of(Path.of("/g/rootfs.ext4")) : Optional.empty(),
        List.of(),
        "hash");
  }

  static String valueOf(List<String> argv, String flag) {
    int i = argv.indexOf(flag);
    assertTrue(i >= 0 && i + 1 < argv.size(), flag + " missing from " + argv);
    return argv.get(i + 1);
  }

  @Test
  void argvBootsTheGuestWithItsTapDiskSerialFileAndSizes() {
    GuestNetwork net = GuestNetwork.tap("abc123", 5);
    List<String> argv =
        new CloudHypervisorCommand(Path.of("/opt/ch/cloud-hypervisor"), 128, 1, List.of("foo=1"))
            .argv(image(true), net, 5, Path.of("/w/i5"));
    assertEquals("/opt/ch/cloud-hypervisor", argv.get(0));
    assertEquals("/k/vmlinuz", valueOf(argv, "--kernel"));
    assertEquals("/g/initramfs.cpio.gz", valueOf(argv, "--initramfs"));
    assertEquals("boot=1", valueOf(argv, "--cpus"));
    assertEquals("size=128M", valueOf(argv, "--memory"));
    assertEquals("tap=" + net.tap() + ",mac=" + GuestNetwork.mac(5), valueOf(argv, "--net"));
    assertEquals("path=/g/rootfs.ext4,readonly=on", valueOf(argv, "--disk"));
    assertEquals("file=/w/i5/console.log", valueOf(argv, "--serial"));
    assertEquals("off", valueOf(argv, "--console"));
    assertEquals("path=/w/i5/api.sock", valueOf(argv, "--api-socket"));
    String cmdline = valueOf(argv, "--cmdline");
    assertTrue(cmdline.contains("console=ttyS0"), cmdline);
    assertTrue(cmdline.contains("ip=" + net.guestAddress() + "::" + net.gateway() + ":"), cmdline);
    assertTrue(cmdline.contains("sandbench.disk=/dev/vda") && cmdline.endsWith("foo=1"), cmdline);
    assertFalse(new CloudHypervisorCommand(Path.of("/ch"), 64, 2, List.of())
        .argv(image(false), net, 5, Path.of("/w")).contains("--disk"));
  }

  @Test
  void notAvailableSaysWhyAndWhatToInstall() {
    Binary missing = new Binary("cloud-hypervisor", Binary.Status.MISSING, "", "", "not found on PATH", "");
    Availability a = CloudHypervisorRuntime.availability(missing, Kvm.of(false, ""));
    assertFalse(a.available());
    assertTrue(a.explain("cloud-hypervisor").contains("not found on PATH"), a.explain("cloud-hypervisor"));
    assertTrue(a.fix().contains("cloud-hypervisor/cloud-hypervisor/releases"), a.fix());
    Binary found = new Binary("cloud-hypervisor", Binary.Status.FOUND, "/ch", "cloud-hypervisor v44.0", "", "");
    assertFalse(CloudHypervisorRuntime.availability(found, Kvm.of(false, "")).available());
    assertTrue(CloudHypervisorRuntime.availability(found, Kvm.of(true, "kvm_amd 1 0 - Live\n")).available());
  }
}
