package io.sandbench.runtime.oci;

/**
 * Container ids a run gives: {@code sandbench-<tag>-<i>}, so that the next run can tell a crashed
 * run's containers (its tag is dead) from a live run's.
 */
public final class ContainerNames {
  public static final String PREFIX = "sandbench-";

  private ContainerNames() {}

  public static String of(String tag, int id) {
    return PREFIX + tag + "-" + id;
  }

  /** The run tag in a container id, or null when the id is not one of ours. */
  public static String tagOf(String containerId) {
    if (!containerId.startsWith(PREFIX)) {
      return null;
    }
    String rest = containerId.substring(PREFIX.length());
    int dash = rest.lastIndexOf('-');
    return dash > 0 ? rest.substring(0, dash) : null;
  }

  /** Whether {@code containerId} is one of ours and belongs to one of the {@code deadTags}. */
  public static boolean isOfDeadRun(String containerId, java.util.List<String> deadTags) {
    String tag = tagOf(containerId);
    return tag != null && deadTags.contains(tag);
  }
}
