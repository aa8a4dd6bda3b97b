package io.sandbench.proc;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples the CPU and RSS of process trees, cheaply enough to run every 100 ms over 64 trees.
 *
 * <p>CPU comes from /proc/PID/stat, summed per tree as per-process differences since the previous
 * sample of utime + stime + cutime + cstime. The children's times (cutime, cstime) matter: a server
 * that forks a child per request (busybox httpd) has children that live and die between two
 * samples, and their CPU shows only in their parent's cutime once reaped. A child that had been
 * followed while alive was counted already up to its last reading, so that much is taken off its
 * parent's increase when it goes. A process started since the previous sample counts whole. RSS is
 * the stat file's resident pages.
 *
 * <p>Cost per sample: one listing of /proc (skipped when /proc/loadavg shows that no process was
 * created since the previous one), one read of stat for each process that appeared since
 * the previous sample (to learn its parent), and one positioned read of the stat file, kept open,
 * for each process in a tree. Other processes are not read again: a process outside every tree
 * cannot enter one later (re-parenting goes to an ancestor, which is outside too), so their parent
 * need not be followed. PIDs are assumed not to be reused within one interval (the kernel hands
 * them out in a cycle of pid_max).
 *
 * <p>One thread samples; another may change what is followed ({@link #follow}). Close it to release
 * the open stat files.
 */
public final class TreeSampler implements AutoCloseable {
  private static final File PROC = new File("/proc");

  private volatile List<ProcessTree> trees;
  private volatile ProcessTree shared;

  /** Parent of every process listed at the previous sample (as read when it first appeared). */
  private final Map<Long, Long> parentOf = new HashMap<>();
  /** Processes that are in a tree now, with their open stat file and last reading. */
  private final Map<Long, Tracked> tracked = new HashMap<>();
  /** CPU ticks of each process read in the current sample, over the interval. */
  private final Map<Long, Long> deltas = new HashMap<>();
  /**
   * Ticks already counted of followed children that went in this interval, by parent: taken off
   * the parent's cutime increase, where the kernel adds the child's whole life when it reaps it.
   */
  private final Map<Long, Long> countedOfGoneChildren = new HashMap<>();
  /** Children by parent, from {@link #parentOf}: built once per sample, when first needed. */
  private Map<Long, List<Long>> childrenCache;
  private final ProcFile file = new ProcFile();
  private final ByteBuffer buffer = ByteBuffer.allocate(4096);
  private final LastPid lastPid = new LastPid();
  private long listedAtLastPid = -1;
  private long previousNanos;

  /** A followed process: its stat file, kept open, and the reading of the previous sample. */
  private static final class Tracked {
    final FileChannel stat;
    ProcStat last;

    Tracked(FileChannel stat, ProcStat last) {
      this.stat = stat;
      this.last = last;
    }
  }

  /**
   * @param trees the instance trees, sampled one by one
   * @param shared daemons serving all instances (containerd, dockerd): sampled apart, and left out
   *     of every tree even when they are descendants of a tree's root
   */
  public TreeSampler(List<ProcessTree> trees, ProcessTree shared) {
    this.trees = List.copyOf(trees);
    this.shared = shared;
    // The baseline: a process absent from it was started after this moment and counts whole.
    this.previousNanos = System.nanoTime();
    scan(new HashSet<>());
    for (ProcessTree t : treesAndShared(this.trees, shared)) {
      for (long pid : walk(t.roots(), Set.of())) {
        track(pid);
      }
    }
  }

  public TreeSampler(List<ProcessTree> trees) {
    this(trees, ProcessTree.empty());
  }

  /** A sampler following no tree yet: its baseline is now, before the instances are launched. */
  public TreeSampler() {
    this(List.of());
  }

  /** From the next sample on, follows these trees (safe to call while another thread samples). */
  public void follow(List<ProcessTree> trees, ProcessTree shared) {
    this.shared = shared;
    this.trees = List.copyOf(trees);
  }

  public TreeSample sample() {
    long now = System.nanoTime();
    long interval = Math.max(1, now - previousNanos);
    previousNanos = now;
    Set<Long> appeared = new HashSet<>();
    scan(appeared);
    List<ProcessTree> trees = this.trees;
    ProcessTree shared = this.shared;

    // Read every tree process first (this also refreshes their parents), then walk the trees.
    Set<Long> sharedPids = shared.isEmpty() ? Set.of() : refreshAndWalk(shared.roots(), Set.of(), appeared);
    Map<Long, long[]> usage = new HashMap<>(); // pid -> {ticks this interval, rss pages}
    Set<Long> seen = new HashSet<>(sharedPids);
    List<Set<Long>> perTree = new ArrayList<>(trees.size());
    for (ProcessTree t : trees) {
      Set<Long> pids = refreshAndWalk(t.roots(), sharedPids, appeared);
      perTree.add(pids);
      seen.addAll(pids);
    }
    // Stop following what left every tree.
    for (Iterator<Map.Entry<Long, Tracked>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Tracked> e = it.next();
      if (!seen.contains(e.getKey())) {
        Tracked t = e.getValue();
        if (readOpen(t.stat, e.getKey()) == null) {
          gone(t); // ended (not merely left the tree by re-parenting)
        }
        closeQuietly(t.stat);
        it.remove();
      }
    }
    List<TreeUsage> usages = new ArrayList<>(trees.size());
    for (Set<Long> pids : perTree) {
      usages.add(usage(pids, interval));
    }
    TreeUsage sharedUsage = sharedPids.isEmpty() ? TreeUsage.NONE : usage(sharedPids, interval);
    return new TreeSample(now, interval, usages, sharedUsage);
  }

  /** Walks a tree from its roots, reading each process reached (its CPU goes to {@link #deltas}). */
  private Set<Long> refreshAndWalk(List<Long> roots, Set<Long> excluded, Set<Long> appeared) {
    Set<Long> all = new LinkedHashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>();
    for (Long r : roots) {
      if (parentOf.containsKey(r) && !excluded.contains(r)) {
        todo.add(r);
      }
    }
    Map<Long, List<Long>> children = childrenByParent();
    while (!todo.isEmpty()) {
      Long p = todo.poll();
      if (all.contains(p) || !read(p, appeared.contains(p))) {
        continue;
      }
      all.add(p);
      for (Long c : children.getOrDefault(p, List.of())) {
        if (!excluded.contains(c)) {
          todo.add(c);
        }
      }
    }
    return all;
  }

  private Map<Long, List<Long>> childrenByParent() {
    if (childrenCache == null) {
      childrenCache = new HashMap<>();
      for (Map.Entry<Long, Long> e : parentOf.entrySet()) {
        childrenCache.computeIfAbsent(e.getValue(), k -> new ArrayList<>(2)).add(e.getKey());
      }
    }
    return childrenCache;
  }

  /** Reads a tree process's stat now; false if it has gone. Counts a new process whole. */
  private boolean read(long pid, boolean isNew) {
    if (deltas.containsKey(pid)) {
      return true; // already read in this sample (a process in two trees)
    }
    Tracked t = tracked.get(pid);
    if (t == null) {
      t = track(pid);
      if (t == null) {
        return false;
      }
      // Started since the previous sample: all its CPU is this interval's. Otherwise it is just
      // joining (first followed now): its past is not this interval's.
      deltas.put(pid, isNew ? t.last.totalTicks() : 0L);
      return true;
    }
    ProcStat now = readOpen(t.stat, pid);
    if (now == null || now.startTicks() != t.last.startTicks()) {
      gone(t);
      closeQuietly(t.stat);
      tracked.remove(pid);
      return false;
    }
    deltas.put(pid, Math.max(0, now.totalTicks() - t.last.totalTicks()));
    t.last = now;
    return true;
  }

  /** A followed process ended: what was counted of it will reappear in its parent's cutime. */
  private void gone(Tracked t) {
    countedOfGoneChildren.merge(t.last.ppid(), t.last.totalTicks(), Long::sum);
  }

  /** Opens a process's stat file and takes a first reading; null if it has gone. */
  private Tracked track(long pid) {
    Tracked existing = tracked.get(pid);
    if (existing != null) {
      return existing;
    }
    try {
      FileChannel ch = FileChannel.open(Path.of("/proc", Long.toString(pid), "stat"));
      ProcStat first = readOpen(ch, pid);
      if (first == null) {
        closeQuietly(ch);
        return null;
      }
      Tracked t = new Tracked(ch, first);
      tracked.put(pid, t);
      return t;
    } catch (IOException e) {
      return null;
    }
  }

  private ProcStat readOpen(FileChannel ch, long pid) {
    try {
      buffer.clear();
      int n = ch.read(buffer, 0);
      if (n <= 0) {
        return null;
      }
      ProcStat s = ProcStat.parse(pid, buffer.array(), n);
      if (s != null) {
        parentOf.put(pid, s.ppid());
      }
      return s;
    } catch (IOException e) {
      return null; // the process has gone (ESRCH)
    }
  }

  /**
   * Lists /proc: forgets processes that are gone, learns the parent of each new one (added to
   * {@code appeared}).
   */
  private void scan(Set<Long> appeared) {
    deltas.clear();
    countedOfGoneChildren.clear();
    childrenCache = null;
    long last = lastPid.read();
    if (last >= 0 && last == listedAtLastPid) {
      return; // no process was created since the last listing: nothing new to learn
    }
    listedAtLastPid = last;
    String[] names = PROC.list();
    if (names == null) {
      throw new IllegalStateException("cannot list /proc: is procfs mounted?");
    }
    Set<Long> listed = new HashSet<>(names.length * 2);
    for (String name : names) {
      char c = name.charAt(0);
      if (c < '0' || c > '9') {
        continue;
      }
      long pid = Long.parseLong(name);
      listed.add(pid);
      if (!parentOf.containsKey(pid) && file.read("/proc/" + name + "/stat")) {
        ProcStat s = ProcStat.parse(pid, file.bytes(), file.length());
        if (s != null) {
          parentOf.put(pid, s.ppid());
          appeared.add(pid);
        }
      }
    }
    parentOf.keySet().retainAll(listed);
  }

  private TreeUsage usage(Set<Long> pids, long intervalNanos) {
    long ticks = 0;
    long rssPages = 0;
    for (Long pid : pids) {
      ticks += deltas.getOrDefault(pid, 0L) - countedOfGoneChildren.getOrDefault(pid, 0L);
      Tracked t = tracked.get(pid);
      if (t != null) {
        rssPages += t.last.rssPages();
      }
    }
    ticks = Math.max(0, ticks); // a child reaped before its parent was read: counted next time
    double seconds = intervalNanos / 1e9;
    double cpuPercent = 100.0 * ticks / ProcStat.TICKS_PER_SECOND / seconds;
    return new TreeUsage(pids.size(), cpuPercent, rssPages * PageSize.BYTES);
  }

  private Set<Long> walk(List<Long> roots, Set<Long> excluded) {
    Set<Long> all = new LinkedHashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>(roots);
    Map<Long, List<Long>> children = childrenByParent();
    while (!todo.isEmpty()) {
      Long p = todo.poll();
      if (parentOf.containsKey(p) && !excluded.contains(p) && all.add(p)) {
        todo.addAll(children.getOrDefault(p, List.of()));
      }
    }
    return all;
  }

  private static List<ProcessTree> treesAndShared(List<ProcessTree> trees, ProcessTree shared) {
    List<ProcessTree> l = new ArrayList<>(trees);
    l.add(shared);
    return l;
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // Closing a /proc file cannot fail in a way that matters.
    }
  }

  @Override
  public void close() {
    for (Tracked t : tracked.values()) {
      closeQuietly(t.stat);
    }
    tracked.clear();
    lastPid.close();
  }
}
