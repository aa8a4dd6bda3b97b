package io.sandbench.runtime.vm;

import io.sandbench.exec.Cleanups;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.image.GuestCache;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.BootTimeline;
import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One guest: its VMM process (marked with the owner, so a crashed run's VMMs are found), its
 * serial console, its network, and its private directory (console log, VMM config, sockets).
 * Closing kills the VMM, then removes the tap and the directory; the same happens on Ctrl-C.
 */
public final class VmInstance implements Instance {
  private final int id;
  private final URI endpoint;
  private final LaunchedProcess process;
  private final ConsoleLog console;
  private final Path dir;
  private final Path stderr;
  private final long launchNanos;
  private final long startReturnedNanos;
  private final List<AutoCloseable> owned;
  private final Cleanups.Registration registration;
  private boolean closed;
  private java.util.function.Supplier<List<BootTimeline.Mark>> vmmMarks = List::of;

  private VmInstance(
      int id, URI endpoint, LaunchedProcess process, Path dir, Path console, Path stderr,
      long launchNanos, long startReturnedNanos, List<AutoCloseable> owned) {
    this.id = id;
    this.endpoint = endpoint;
    this.process = process;
    this.dir = dir;
    this.stderr = stderr;
    this.launchNanos = launchNanos;
    this.startReturnedNanos = startReturnedNanos;
    this.owned = owned;
    this.console = new ConsoleLog(console, "sandbench-console-" + id);
    this.registration = Cleanups.register("VM instance " + id, this::closeNow);
  }

  /**
   * Starts {@code argv} in {@code dir}; the VMM writes the guest's serial console to {@code
   * console}. {@code owned} (a tap, ...) is closed with the instance, and also when the start
   * fails. {@code launchNanos} is when the launch began (before the tap was made).
   */
  public static VmInstance start(
      int id, List<String> argv, Path dir, Path console, URI endpoint, long launchNanos,
      List<AutoCloseable> owned) {
    Path stderr = dir.resolve("vmm.err");
    LaunchedProcess p;
    try {
      p = LaunchedProcess.start(argv, Map.of(), dir, dir.resolve("vmm.out"), stderr);
    } catch (IOException e) {
      closeAll(owned);
      GuestCache.deleteTree(dir);
      throw new UncheckedIOException("cannot start " + argv.get(0), e);
    }
    return new VmInstance(id, endpoint, p, dir, console, stderr, launchNanos, System.nanoTime(), owned);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public ProcessTree processes() {
    return ProcessTree.of(process.pid());
  }

  public long pid() {
    return process.pid();
  }

  public Path directory() {
    return dir;
  }

  /** Console lines so far (for a VMM's own log parsing, e.g. Firecracker's boot timer). */
  public List<ConsoleLog.Line> consoleLines() {
    return console.lines();
  }

  /** Adds marks the VMM reports itself, given as offsets from the VMM's start. */
  public void addVmmMarks(java.util.function.Supplier<List<BootTimeline.Mark>> marks) {
    this.vmmMarks = marks;
  }

  @Override
  public Optional<BootTimeline> timeline() {
    long startedNanos = vmmStartedNanos();
    BootTimeline guest = BootMarks.timeline(console.lines(), launchNanos, startedNanos);
    List<BootTimeline.Mark> vmm = vmmMarks.get();
    if (vmm.isEmpty()) {
      return Optional.of(guest);
    }
    long vmmStart = (startedNanos - launchNanos) / 1000;
    List<BootTimeline.Mark> all = new ArrayList<>(guest.marks());
    vmm.forEach(m -> all.add(new BootTimeline.Mark(m.name(), vmmStart + m.micros())));
    all.sort(java.util.Comparator.comparingLong(BootTimeline.Mark::micros));
    return Optional.of(new BootTimeline(all));
  }

  @Override
  public OptionalInt exitCode() {
    return process.exitCode();
  }

  /** When the VMM process started: the helper's word when it launched it, else the JDK's return. */
  private long vmmStartedNanos() {
    return process.startedAtNanos().orElse(startReturnedNanos);
  }

  @Override
  public String outputTail(int lines) {
    String err = "";
    try {
      if (Files.exists(stderr)) {
        String[] all = Files.readString(stderr).strip().split("\n");
        err = String.join("\n", List.of(all).subList(Math.max(0, all.length - 5), all.length));
      }
    } catch (IOException e) {
      // Keep the console part.
    }
    String con = console.tail(lines);
    // A panic's cause is printed before its stack trace: put it first, or the tail shows only
    // the trace.
    for (ConsoleLog.Line l : console.lines()) {
      if (l.text().contains("Kernel panic") && !con.contains(l.text())) {
        con = l.text() + "\n" + console.tail(Math.max(1, lines - 1));
        break;
      }
    }
    return err.isBlank() ? con : con + "\n[vmm stderr] " + err;
  }

  /** SIGKILL to the VMM now; {@link #close()} then waits and removes the rest. */
  @Override
  public void beginStop() {
    process.killNow();
  }

  @Override
  public void close() {
    registration.close();
  }

  private synchronized void closeNow() {
    if (closed) {
      return;
    }
    closed = true;
    process.close();
    console.close();
    closeAll(owned);
    GuestCache.deleteTree(dir);
  }

  private static void closeAll(List<AutoCloseable> owned) {
    List<AutoCloseable> reversed = new ArrayList<>(owned);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable c : reversed) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("sandbench: cleanup failed: " + e.getMessage());
      }
    }
  }
}
