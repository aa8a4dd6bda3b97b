package io.sandbench.net;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance's private network: a named network namespace ({@code /run/netns/<name>}) joined to
 * the host by a veth pair carrying the instance's /30 from {@link AddressPlan}. The host reaches
 * the instance at {@link AddressPlan#instanceSide}; nothing is routed anywhere else.
 *
 * <p>Both ends get a short ARP retransmit time: the first packet to a fresh veth otherwise waits
 * about a second for neighbour resolution, and startup figures would measure ARP.
 *
 * <p>Any runtime can run a command inside with {@link #enter}: {@code nsenter --net=PATH -- argv}
 * (not {@code ip netns exec}, which remounts /sys and breaks runsc).
 */
public final class IsolatedLink implements AutoCloseable {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final Path NETNS_DIR = Path.of("/run/netns");
  private static final String ARP_RETRANS_MS = "10";
  private final String netns;
  private final String hostVeth;
  private final int id;
  private boolean closed;

  private IsolatedLink(String netns, String hostVeth, int id) {
    this.netns = netns;
    this.hostVeth = hostVeth;
    this.id = id;
  }

  /**
   * Creates namespace and veth pair for instance {@code id} of run {@code tag}; on failure removes
   * what it made and throws {@link IllegalStateException} with the command's error.
   */
  public static IsolatedLink create(String tag, int id) {
    String ns = InterfaceNames.netns(tag, id);
    String host = InterfaceNames.vethHost(tag, id);
    String peer = InterfaceNames.vethPeer(tag, id);
    IsolatedLink link = new IsolatedLink(ns, host, id);
    String prefix = "/" + AddressPlan.prefixLength();
    try {
      batch(
          List.of(),
          "netns add " + ns,
          "link add " + host + " type veth peer name " + peer + " netns " + ns,
          "addr add " + AddressPlan.hostSide(id) + prefix + " dev " + host,
          "link set " + host + " up",
          "ntable change name arp_cache dev " + host + " retrans " + ARP_RETRANS_MS);
      batch(
          List.of("-n", ns),
          "addr add " + AddressPlan.instanceSide(id) + prefix + " dev " + peer,
          "link set " + peer + " up",
          "link set lo up",
          "ntable change name arp_cache dev " + peer + " retrans " + ARP_RETRANS_MS);
      return link;
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
  }

  /** The namespace's name under /run/netns. */
  public String netnsName() {
    return netns;
  }

  /** The namespace file: what an OCI config's network namespace path or nsenter wants. */
  public Path netnsPath() {
    return NETNS_DIR.resolve(netns);
  }

  /** The address the instance listens on (inside the namespace). */
  public String instanceAddress() {
    return AddressPlan.instanceSide(id);
  }

  /** {@code argv} run inside this namespace (network only; mounts and /sys stay the host's). */
  public List<String> enter(List<String> argv) {
    return enter(netnsPath(), argv);
  }

  public static List<String> enter(Path netnsPath, List<String> argv) {
    List<String> all = new ArrayList<>();
    all.add("nsenter");
    all.add("--net=" + netnsPath);
    all.add("--");
    all.addAll(argv);
    return all;
  }

  /**
   * Removes veth pair and namespace. Processes still inside keep the namespace alive but no longer
   * named; stop them first. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    removeLink(hostVeth);
    removeNetns(netns);
  }

  /**
   * Removes the namespaces and veths that the runs {@code deadTags} left behind; returns what was
   * removed, for the log.
   */
  public static List<String> removeLeftovers(List<String> deadTags) {
    List<String> removed = new ArrayList<>();
    if (deadTags.isEmpty()) {
      return removed;
    }
    CommandResult links =
        ExternalCommand.run(List.of("ip", "-o", "link", "show"), DEADLINE);
    for (String line : links.stdout().split("\n")) {
      // "12: sbabc123v0@if11: <BROADCAST,...": the name sits between the first ": " and '@' or ':'.
      String[] f = line.split(": ", 3);
      if (f.length < 2) {
        continue;
      }
      String name = f[1].split("@")[0];
      if (isDead(deadTags, InterfaceNames.tagOf(name))) {
        removeLink(name);
        removed.add(name);
      }
    }
    try (var entries = Files.newDirectoryStream(NETNS_DIR)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (isDead(deadTags, InterfaceNames.tagOf(name))) {
          removeNetns(name);
          removed.add(name);
        }
      }
    } catch (IOException e) {
      // No /run/netns: no namespace was ever named here.
    }
    return removed;
  }

  private static boolean isDead(List<String> deadTags, String tag) {
    return tag != null && deadTags.contains(tag);
  }

  private static void removeLink(String name) {
    // Deleting one end deletes the pair; "Cannot find device" means it is already gone.
    ExternalCommand.run(List.of("ip", "link", "del", name), DEADLINE);
  }

  private static void removeNetns(String name) {
    ExternalCommand.run(List.of("ip", "netns", "del", name), DEADLINE);
  }

  /** Runs {@code ip [globals] -batch FILE}: one process for several link changes. */
  private static void batch(List<String> globals, String... commands) {
    Path file = null;
    try {
      file = Files.createTempFile("sandbench-ip", ".batch");
      Files.writeString(file, String.join("\n", commands) + "\n");
      List<String> argv = new ArrayList<>();
      argv.add("ip");
      argv.addAll(globals);
      argv.add("-batch");
      argv.add(file.toString());
      CommandResult r = ExternalCommand.run(argv, DEADLINE);
      if (!r.ok()) {
        throw new IllegalStateException("cannot set up an isolated network: " + r.describe());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an ip batch file: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // A temp file left behind is harmless.
        }
      }
    }
  }
}
