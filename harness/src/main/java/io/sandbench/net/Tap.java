package io.sandbench.net;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A VM's tap device on the host, as in the article's Firecracker setup: the host end holds the
 * first address of the instance's /30 ({@link AddressPlan}), proxy ARP is on, and the ARP
 * retransmit time is low so the host finds the guest soon after its network comes up instead of
 * waiting out a failed neighbour entry. Removing the link removes its address and route.
 */
public final class Tap implements AutoCloseable {
  /** How long the host waits between ARP tries on a tap (the kernel default is 1000 ms). */
  static final int ARP_RETRANS_MS = 50;
  private static final Duration IP_DEADLINE = Duration.ofSeconds(20);
  private final String name;
  private boolean closed;

  private Tap(String name) {
    this.name = name;
  }

  /** Creates tap {@code name} with {@code hostAddress/prefix} on it, up. Needs root. */
  public static Tap create(String name, String hostAddress, int prefix) {
    run("ip", "tuntap", "add", "dev", name, "mode", "tap");
    Tap tap = new Tap(name);
    try {
      run("ip", "addr", "add", hostAddress + "/" + prefix, "dev", name);
      writeSysctl("/proc/sys/net/ipv4/conf/" + name + "/proxy_arp", "1");
      writeSysctl("/proc/sys/net/ipv4/neigh/" + name + "/retrans_time_ms", "" + ARP_RETRANS_MS);
      run("ip", "link", "set", "dev", name, "up");
      return tap;
    } catch (RuntimeException e) {
      tap.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  /** Deletes the tap. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      delete(name);
    }
  }

  static void delete(String name) {
    ExternalCommand.run(List.of("ip", "link", "del", "dev", name), IP_DEADLINE);
  }

  /** Taps on this host whose names say sandbench made them (sb + tag + t + id). */
  public static List<String> ours() {
    CommandResult r = ExternalCommand.run(List.of("ip", "-o", "link", "show"), IP_DEADLINE);
    List<String> names = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      // "42: sbab12cdt0: <BROADCAST,...> mtu 1500 ..."
      String[] parts = line.split(":\\s+", 3);
      if (parts.length < 2) {
        continue;
      }
      String name = parts[1].split("@")[0].strip();
      String tag = InterfaceNames.tagOf(name);
      if (tag != null && name.startsWith(InterfaceNames.PREFIX + tag + "t")) {
        names.add(name);
      }
    }
    return names;
  }

  /** Deletes the taps of the given (dead) run tags; returns their names. */
  public static List<String> removeLeftovers(Collection<String> deadTags) {
    List<String> removed = new ArrayList<>();
    for (String name : ours()) {
      if (deadTags.contains(InterfaceNames.tagOf(name))) {
        delete(name);
        removed.add(name);
      }
    }
    return removed;
  }

  private static void run(String... argv) {
    CommandResult r = ExternalCommand.run(List.of(argv), IP_DEADLINE);
    if (!r.ok()) {
      throw new UserError(
          "cannot set up a tap: " + r.describe() + "; taps need root and iproute2 (apt-get install iproute2)");
    }
  }

  private static void writeSysctl(String path, String value) {
    try {
      Files.writeString(Path.of(path), value);
    } catch (IOException e) {
      throw new UserError("cannot write " + path + ": " + e.getMessage() + "; taps need root");
    }
  }
}
