package io.sandbench.runtime.cloudhypervisor;

import io.sandbench.image.GuestImage;
import io.sandbench.runtime.vm.GuestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloud Hypervisor's argv for the same guest the other VMMs boot: {@code --kernel},
 * {@code --initramfs}, {@code --cmdline}, {@code --cpus boot=N}, {@code --memory size=NM},
 * {@code --net tap=NAME,mac=MAC} (the tap is made and addressed beforehand, so no ip=/mask=),
 * {@code --disk path=...,readonly=on}, the legacy serial port into a file ({@code --serial file=})
 * with the virtio console off, and an API socket per instance. Its devices are virtio-pci.
 */
public record CloudHypervisorCommand(Path binary, int memoryMib, int vcpus, List<String> extraKernelArgs) {

  public List<String> argv(GuestImage image, GuestNetwork net, int id, Path dir) {
    List<String> a = new ArrayList<>();
    a.add(binary.toString());
    a.addAll(List.of("--api-socket", "path=" + dir.resolve("api.sock")));
    a.addAll(List.of("--kernel", image.kernel().image().toString()));
    a.addAll(List.of("--initramfs", image.initramfs().toString()));
    a.addAll(List.of("--cmdline", String.join(" ", kernelArgs(image, net))));
    a.addAll(List.of("--cpus", "boot=" + vcpus));
    a.addAll(List.of("--memory", "size=" + memoryMib + "M"));
    a.addAll(List.of("--net", "tap=" + net.tap() + ",mac=" + GuestNetwork.mac(id)));
    image.rootfs().ifPresent(d -> a.addAll(List.of("--disk", "path=" + d + ",readonly=on")));
    a.addAll(List.of("--serial", "file=" + dir.resolve("console.log")));
    a.addAll(List.of("--console", "off"));
    a.addAll(List.of("--log-file", dir.resolve("cloud-hypervisor.log").toString()));
    return a;
  }

  List<String> kernelArgs(GuestImage image, GuestNetwork net) {
    List<String> k = new ArrayList<>(List.of("console=ttyS0", "reboot=k", "panic=1", "quiet"));
    k.addAll(net.kernelArgs(image.rootfs().isPresent() ? "/dev/vda" : ""));
    k.addAll(extraKernelArgs);
    return k;
  }
}
