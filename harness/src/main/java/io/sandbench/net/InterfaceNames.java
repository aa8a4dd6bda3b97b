package io.sandbench.net;

/**
 * Names of the links and namespaces a run creates, all derived from its run tag so a later run can
 * find a crashed run's leftovers. Interface names stay within the kernel's 15 characters.
 */
public final class InterfaceNames {
  /** Every interface sandbench creates starts with this. */
  public static final String PREFIX = "sb";
  /** Every network namespace sandbench creates starts with this. */
  public static final String NETNS_PREFIX = "sandbench-";

  private InterfaceNames() {}

  /** Host end of instance {@code id}'s veth pair: sb + tag + v + id (at most 14 characters). */
  public static String vethHost(String tag, int id) {
    return PREFIX + tag + "v" + id;
  }

  /** Namespace end of the veth pair (renamed to eth0 inside the namespace where wanted). */
  public static String vethPeer(String tag, int id) {
    return PREFIX + tag + "p" + id;
  }

  /** Tap device of instance {@code id}'s VM. */
  public static String tap(String tag, int id) {
    return PREFIX + tag + "t" + id;
  }

  public static String netns(String tag, int id) {
    return NETNS_PREFIX + tag + "-" + id;
  }

  /** The run tag an interface or namespace name carries, or null when it is not one of ours. */
  public static String tagOf(String name) {
    if (name.startsWith(NETNS_PREFIX)) {
      String rest = name.substring(NETNS_PREFIX.length());
      int dash = rest.indexOf('-');
      return dash == 6 ? rest.substring(0, 6) : null;
    }
    if (name.startsWith(PREFIX) && name.length() > PREFIX.length() + 7) {
      return name.substring(PREFIX.length(), PREFIX.length() + 6);
    }
    return null;
  }
}
