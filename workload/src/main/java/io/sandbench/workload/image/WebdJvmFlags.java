package io.sandbench.workload.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options bin/webd passes, chosen for start-up time and idle footprint (BENCHMARKS.md,
 * "Workload: webd and webc", shows each one's effect). Only options the image's own JVM knows: the
 * image carries the JVM of the JDK that built it.
 */
final class WebdJvmFlags {
  /** The JDK release from which the AOT cache (JEP 483, -XX:AOTCache) replaces AppCDS. */
  static final int AOT_CACHE_FEATURE = 24;

  private WebdJvmFlags() {}

  /** Options for every run of webd on a JVM of release {@code feature}, archive aside. */
  static List<String> common(int feature) {
    List<String> flags = new ArrayList<>();
    // One GC thread-free collector: no concurrent GC threads, smallest fixed overhead.
    flags.add("-XX:+UseSerialGC");
    // C1 only: no C2 compiler thread or arena; webd's hot path is a few small methods.
    flags.add("-XX:TieredStopAtLevel=1");
    flags.add("-XX:CICompilerCount=1");
    // Small, fixed heap: webd allocates an 8 KiB buffer per connection and little else.
    flags.add("-Xms8m");
    flags.add("-Xmx64m");
    flags.add("-XX:MaxMetaspaceSize=32m");
    flags.add("-XX:ReservedCodeCacheSize=16m");
    // The main thread serves accept only; connection threads set their own small stacks.
    flags.add("-Xss256k");
    // No hsperfdata file: saves its creation at start and its mapping.
    flags.add("-XX:-UsePerfData");
    // JVM warnings go to stderr, so stdout carries webd's single line only.
    flags.add("-Xlog:disable");
    flags.add("-Xlog:all=warning:stderr");
    return flags;
  }

  static boolean usesAotCache(int feature) {
    return feature >= AOT_CACHE_FEATURE;
  }
}
