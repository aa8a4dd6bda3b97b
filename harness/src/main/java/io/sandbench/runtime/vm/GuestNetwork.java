package io.sandbench.runtime.vm;

import io.sandbench.image.GuestInit;
import io.sandbench.net.AddressPlan;
import io.sandbench.net.InterfaceNames;
import java.net.URI;
import java.util.List;

/**
 * How one guest is reached: over its own tap (root; the guest has the instance side of its /30
 * from {@link AddressPlan}) or, without root, through QEMU's user-mode network with a host port
 * forwarded from 127.0.0.1.
 *
 * @param tap the tap's name, empty in user mode
 * @param hostPort the forwarded host port in user mode, 0 with a tap
 */
public record GuestNetwork(
    String mode, String tap, String guestAddress, String gateway, String netmask, int hostPort) {
  public static final String TAP = "tap";
  public static final String USER = "user";

  public static GuestNetwork tap(String runTag, int id) {
    return new GuestNetwork(
        TAP,
        InterfaceNames.tap(runTag, id),
        AddressPlan.instanceSide(id),
        AddressPlan.hostSide(id),
        AddressPlan.netmask(),
        0);
  }

  /** QEMU's user-mode network: the guest is 10.0.2.15 behind the built-in gateway 10.0.2.2. */
  public static GuestNetwork user(int hostPort) {
    return new GuestNetwork(USER, "", "10.0.2.15", "10.0.2.2", "255.255.255.0", hostPort);
  }

  public URI endpoint() {
    return mode.equals(TAP)
        ? URI.create("http://" + guestAddress + ":" + GuestInit.GUEST_PORT + "/")
        : URI.create("http://127.0.0.1:" + hostPort + "/");
  }

  /** The kernel arguments that tell the guest's init its address. */
  public List<String> kernelArgs(String disk) {
    return GuestInit.kernelArgs(guestAddress, gateway, netmask, "eth0", disk);
  }

  /** A locally administered MAC address per instance id. */
  public static String mac(int id) {
    return String.format("06:5b:00:%02x:%02x:%02x", (id >> 16) & 255, (id >> 8) & 255, id & 255);
  }

  /** Taps need root (CAP_NET_ADMIN); without it only user mode is possible. */
  public static boolean canCreateTaps() {
    return "root".equals(System.getProperty("user.name"));
  }
}
