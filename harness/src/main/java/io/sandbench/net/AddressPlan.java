package io.sandbench.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses per instance id for isolated networking (netns + veth, or a tap): instance i gets the
 * i-th /30 of 10.213.0.0/16, the host side .1 and the instance side .2 of it, like the article's
 * per-VM taps. Up to 16384 instances. Only addresses inside links a run creates itself are used.
 */
public final class AddressPlan {
  public static final int MAX_INSTANCES = 16384;
  private static final int BASE = (10 << 24) | (213 << 16);

  private AddressPlan() {}

  /** The address on the host's end of instance {@code id}'s link. */
  public static String hostSide(int id) {
    return format(subnet(id) + 1);
  }

  /** The address the instance itself listens on. */
  public static String instanceSide(int id) {
    return format(subnet(id) + 2);
  }

  public static int prefixLength() {
    return 30;
  }

  /** Netmask of the /30, as the kernel's {@code ip=} argument wants it. */
  public static String netmask() {
    return "255.255.255.252";
  }

  public static InetAddress instanceAddress(int id) {
    try {
      return Inet4Address.getByName(instanceSide(id));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int subnet(int id) {
    if (id < 0 || id >= MAX_INSTANCES) {
      throw new IllegalArgumentException("instance id out of range: " + id);
    }
    return BASE + id * 4;
  }

  private static String format(int a) {
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
  }
}
