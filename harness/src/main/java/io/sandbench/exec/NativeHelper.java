package io.sandbench.exec;

import io.sandbench.proc.ThreadsCpu;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running native helper (src/main/c/sandbench-helper.c): one per JVM, started on first use,
 * launching processes with one vfork + exec each and probing HTTP readiness in C, so that neither
 * costs what the JDK's launch (a second exec through jspawnhelper) and a Java connect attempt cost.
 * Requests go down its stdin without waiting for a reply; what happened comes back as events on
 * its stderr, read by one thread here. Its CPU is the harness's ({@link #cpuNanos()}). Set {@code
 * SANDBENCH_HELPER=off} to use the JDK for both; without a built helper sandbench falls back to
 * the JDK by itself and says so.
 */
public final class NativeHelper {
  /** An exec that never returns (a hung filesystem) must not hang the run: the helper is killed. */
  private static final long SPAWN_DEADLINE_SECONDS = 30;
  private static final Object STATE = new Object();
  private static NativeHelper current;
  private static String unavailable;

  private final Process process;
  private final OutputStream requests;
  private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
  private final byte[] baseEnvironment; // this JVM's environment and owner mark, encoded once
  private final int baseEnvironmentSize;
  private final Map<Long, HelperChild> starting = new ConcurrentHashMap<>(); // by request number
  private final Map<Long, HelperChild> children = new ConcurrentHashMap<>(); // by pid
  // The helper reaps on one thread and launches on another, so the exit of a child that ends at
  // once can come before its "spawned" or "failed": such exits wait here, by pid, for it; and the
  // pids of failed launches whose exit has not come yet are here, so that it is dropped.
  private final Map<Long, Integer> earlyExits = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> exitsToDrop = new ConcurrentHashMap<>();
  private final Map<Long, WatchEvents> watchers = new ConcurrentHashMap<>();
  private final AtomicLong nextRequest = new AtomicLong();
  private volatile boolean alive = true;

  /** What the helper says about one watched endpoint. */
  public interface WatchEvents {
    /** The first 200 arrived at {@code atNanos} (System.nanoTime's clock). */
    void ready(long atNanos, int attempts);

    /** Probing stopped without a 200 (unwatched, or the helper is gone: {@code attempts} < 0). */
    void dropped(int attempts);
  }

  private NativeHelper(Process process) {
    this.process = process;
    this.requests = process.getOutputStream();
    Map<String, String> env = environment(Map.of());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    env.forEach((k, v) -> field(b, k + "=" + v));
    this.baseEnvironment = b.toByteArray();
    this.baseEnvironmentSize = env.size();
    Thread events = new Thread(this::readEvents, "sandbench-helper-events");
    events.setDaemon(true);
    events.start();
    Thread watchdog = new Thread(this::watchdog, "sandbench-helper-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The running helper, started if need be; empty when there is none (see {@link #why()}). */
  public static Optional<NativeHelper> get() {
    synchronized (STATE) {
      if (current != null && current.alive) {
        return Optional.of(current);
      }
      if (unavailable != null) {
        return Optional.empty();
      }
      if ("off".equals(System.getenv("SANDBENCH_HELPER"))) {
        unavailable = "turned off by SANDBENCH_HELPER=off";
        return Optional.empty();
      }
      try {
        ProcessBuilder pb = new ProcessBuilder(HelperBinary.extract().toString());
        pb.environment().putAll(OwnerMark.environment());
        current = new NativeHelper(pb.start());
        return Optional.of(current);
      } catch (IOException e) {
        unavailable = e.getMessage();
        return Optional.empty();
      }
    }
  }

  /** Why there is no helper, or null when there is one (or none was asked for yet). */
  public static String why() {
    synchronized (STATE) {
      return unavailable;
    }
  }

  /** How processes are launched and probed in this JVM, for the facts of every export. */
  public static String description() {
    return get().isPresent()
        ? "sandbench-helper (vfork + exec; probe in C, sock_diag for loopback listeners)"
        : "JDK ProcessBuilder and a Java probe (sandbench-helper: " + why() + ")";
  }

  /** CPU time the running helper has used, all its threads, in ns; 0 when none runs. */
  public static long cpuNanos() {
    NativeHelper h;
    synchronized (STATE) {
      h = current;
    }
    if (h == null) {
      return 0;
    }
    return ThreadsCpu.nanos(Long.toString(h.process.pid())).orElse(0);
  }

  boolean isAlive() {
    return alive;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Launches {@code argv} with this JVM's environment, the owner mark and {@code extraEnv}, stdin
   * from /dev/null, stdout and stderr into {@code log}. Returns without waiting for the helper: the
   * child learns its pid (or its failure) from the helper's events. A binary that is missing or
   * not executable is refused here, as the JDK would.
   */
  HelperChild spawn(List<String> argv, Map<String, String> extraEnv, ProcessIo io)
      throws IOException {
    Path program = Executables.resolve(argv.get(0), io.dir());
    long seq = nextRequest.incrementAndGet();
    HelperChild c = new HelperChild(argv.get(0), this);
    starting.put(seq, c);
    synchronized (requests) {
      try {
        encodeSpawn(seq, program, argv, extraEnv, io);
      } catch (IllegalArgumentException e) {
        starting.remove(seq);
        throw new IOException("Cannot run program \"" + argv.get(0) + "\": " + e.getMessage());
      }
      try {
        sendPayload();
      } catch (IOException e) {
        starting.remove(seq);
        throw new IOException("Cannot run program \"" + argv.get(0) + "\": sandbench-helper exited", e);
      }
    }
    if (!alive && starting.remove(seq) != null) {
      c.failed("sandbench-helper exited"); // it died after the write: no event will come
    }
    return c;
  }

  private void encodeSpawn(
      long seq, Path program, List<String> argv, Map<String, String> extraEnv, ProcessIo io) {
    payload.reset();
    field(payload, "spawn");
    field(payload, Long.toString(seq));
    field(payload, program.toString());
    field(payload, io.dir() == null ? "" : io.dir().toString());
    field(payload, io.out().toString());
    field(payload, io.err() == null ? "" : io.err().toString());
    field(payload, Integer.toString(argv.size()));
    for (String a : argv) {
      field(payload, a);
    }
    if (extraEnv.isEmpty()) {
      field(payload, Integer.toString(baseEnvironmentSize));
      payload.writeBytes(baseEnvironment);
    } else {
      Map<String, String> env = environment(extraEnv);
      field(payload, Integer.toString(env.size()));
      env.forEach((k, v) -> field(payload, k + "=" + v));
    }
  }

  /** A launched process's environment, as the JDK builds it: ours, {@code extra}, the mark. */
  private static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.putAll(extra);
    env.putAll(OwnerMark.environment());
    return env;
  }

  /** Kills a helper stuck in a spawn (an exec that never returns), which fails that spawn. */
  private void watchdog() {
    while (alive) {
      long now = System.nanoTime();
      for (HelperChild c : starting.values()) {
        if (now - c.askedAt() > SPAWN_DEADLINE_SECONDS * 1_000_000_000L) {
          process.destroyForcibly();
          return;
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Probes {@code address:port} every {@code intervalNanos} with {@code request} until an HTTP
   * 200 comes back; returns the id to {@link #unwatch} it by.
   */
  public long watch(String address, int port, String request, long intervalNanos, WatchEvents events)
      throws IOException {
    long wid = nextRequest.incrementAndGet();
    watchers.put(wid, events);
    send("watch", Long.toString(wid), address, Integer.toString(port), request,
        Long.toString(intervalNanos));
    return wid;
  }

  /** Stops probing; the watch's {@link WatchEvents#dropped} follows unless a 200 came first. */
  public void unwatch(long wid) {
    try {
      send("unwatch", Long.toString(wid));
    } catch (IOException e) {
      WatchEvents w = watchers.remove(wid);
      if (w != null) {
        w.dropped(-1);
      }
    }
  }

  /**
   * Has the helper's launching thread give up the CPU before its next launch: {@code --stagger
   * yield} happens where the launches happen (they queue there; a yield here would pace nothing).
   */
  public void yieldBetweenLaunches() {
    sendQuietly("yield");
  }

  /**
   * Has the helper launch its next process {@code nanos} after its last one at least: a staggered
   * launch is spaced where it happens, however the requests queued on their way.
   */
  public void gapBeforeNextLaunch(long nanos) {
    sendQuietly("gap", Long.toString(nanos));
  }

  private void send(String... fields) throws IOException {
    synchronized (requests) {
      payload.reset();
      for (String f : fields) {
        field(payload, f);
      }
      sendPayload();
    }
  }

  /** For requests whose loss only matters to a launch that follows: that launch says so. */
  private void sendQuietly(String... fields) {
    try {
      send(fields);
    } catch (IOException e) {
      // The helper is gone.
    }
  }

  /** Appends one NUL-terminated field; a NUL inside cannot be passed to exec, as in the JDK. */
  private static void field(ByteArrayOutputStream out, String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid null character in " + s.replace('\0', ' '));
    }
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  private void sendPayload() throws IOException {
    requests.write((payload.size() + "\n").getBytes(StandardCharsets.US_ASCII));
    payload.writeTo(requests);
    requests.flush();
  }

  private void readEvents() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        event(line.split(" "));
      }
    } catch (IOException | RuntimeException e) {
      // The helper is gone: what follows tells everyone waiting on it.
    }
    alive = false;
    process.destroyForcibly();
    for (Long seq : List.copyOf(starting.keySet())) {
      HelperChild c = starting.remove(seq);
      if (c != null) {
        c.failed("sandbench-helper exited");
      }
    }
    for (Long wid : List.copyOf(watchers.keySet())) {
      WatchEvents w = watchers.remove(wid);
      if (w != null) {
        w.dropped(-1);
      }
    }
  }

  private void event(String[] e) {
    switch (e[0]) {
      case "spawned" -> {
        HelperChild c = starting.remove(Long.parseLong(e[1]));
        if (c != null) {
          long pid = Long.parseLong(e[2]);
          c.started(pid, Long.parseLong(e[3]));
          Integer early = earlyExits.remove(pid);
          if (early != null) {
            c.exited(early);
          } else {
            children.put(pid, c);
          }
        }
      }
      case "failed" -> {
        long tried = Long.parseLong(e[3]);
        if (tried > 0 && earlyExits.remove(tried) == null) {
          exitsToDrop.put(tried, Boolean.TRUE);
        }
        HelperChild c = starting.remove(Long.parseLong(e[1]));
        if (c != null) {
          c.failed("error=" + e[2] + ", " + String.join(" ", List.of(e).subList(4, e.length)));
        }
      }
      case "exit" -> {
        long pid = Long.parseLong(e[1]);
        HelperChild c = children.remove(pid);
        if (c != null) {
          c.exited(Integer.parseInt(e[2]));
        } else if (exitsToDrop.remove(pid) == null) {
          earlyExits.put(pid, Integer.parseInt(e[2]));
        }
      }
      case "ready" -> {
        WatchEvents w = watchers.remove(Long.parseLong(e[1]));
        if (w != null) {
          w.ready(Long.parseLong(e[2]), Integer.parseInt(e[3]));
        }
      }
      case "dropped" -> {
        WatchEvents w = watchers.remove(Long.parseLong(e[1]));
        if (w != null) {
          w.dropped(Integer.parseInt(e[2]));
        }
      }
      default -> System.err.println("sandbench-helper: " + String.join(" ", e));
    }
  }
}
