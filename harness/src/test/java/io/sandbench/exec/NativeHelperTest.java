package io.sandbench.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native helper against real processes. The build compiles it (gcc): it must be there. */
class NativeHelperTest {
  @TempDir Path dir;

  private static NativeHelper helper() {
    return NativeHelper.get()
        .orElseThrow(() -> new AssertionError("no native helper: " + NativeHelper.why()));
  }

  private static int awaitExit(LaunchedProcess p) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (OptionalInt c; System.nanoTime() < until; Thread.sleep(5)) {
      c = p.exitCode();
      if (c.isPresent()) {
        return c.getAsInt();
      }
    }
    throw new AssertionError("no exit reported within 10 s");
  }

  @Test
  void launchesWithTheOwnerMarkAndTheExtraEnvironmentAndReportsTheExitCode() throws Exception {
    Path log = dir.resolve("out.log");
    try (LaunchedProcess p =
        LaunchedProcess.start(
            helper(),
            List.of("sh", "-c", "echo \"$SANDBENCH_OWNER $EXTRA\"; read x; echo \"stdin:$x\"; exit 3"),
            Map.of("EXTRA", "extra-value"),
            log)) {
      assertEquals(3, awaitExit(p));
      String out = Files.readString(log);
      assertTrue(out.contains(OwnerMark.self() + " extra-value"), out);
      assertTrue(out.contains("stdin:\n") || out.strip().endsWith("stdin:"), "stdin is /dev/null: " + out);
    }
  }

  /** A VMM's way: its own directory, stdout and stderr into two files. Both launchers. */
  @Test
  void runsInItsDirectoryWithStdoutAndStderrApart() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    for (boolean helper : new boolean[] {true, false}) {
      Path out = dir.resolve("out-" + helper);
      Path err = dir.resolve("err-" + helper);
      List<String> argv = List.of("sh", "-c", "pwd; echo complaint >&2");
      try (LaunchedProcess p = helper
          ? LaunchedProcess.start(argv, Map.of(), work, out, err)
          : LaunchedProcess.startWithJdk(argv, Map.of(), new ProcessIo(work, out, err))) {
        assertEquals(0, awaitExit(p));
        assertEquals(work.toRealPath().toString(), Files.readString(out).strip());
        assertEquals("complaint", Files.readString(err).strip());
      }
    }
  }

  @Test
  void aMissingProgramIsRefusedAtOnceAsTheJdkWould() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> LaunchedProcess.start(helper(), List.of("/no/such/program"), Map.of(), dir.resolve("l")));
    assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    assertThrows(
        IOException.class,
        () -> LaunchedProcess.start(helper(), List.of("no-such-program-sb"), Map.of(), dir.resolve("l")));
  }

  @Test
  void anExecThatFailsAfterTheLaunchWasAcceptedIsAnExitWithItsReason() throws Exception {
    Path notElf = dir.resolve("not-a-program");
    Files.write(notElf, new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
    Files.setPosixFilePermissions(notElf, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (LaunchedProcess p =
        LaunchedProcess.start(helper(), List.of(notElf.toString()), Map.of(), dir.resolve("l"))) {
      assertEquals(HelperChild.NOT_STARTED, awaitExit(p));
      assertTrue(p.outputTail(5).contains("Exec format error"), p.outputTail(5));
      assertEquals(-1, p.pid());
    }
  }

  @Test
  void closeKillsTheWholeTree() throws Exception {
    LaunchedProcess p =
        LaunchedProcess.start(
            helper(), List.of("sh", "-c", "sleep 60 & sleep 60"), Map.of(), dir.resolve("l"));
    ProcessHandle root = ProcessHandle.of(p.pid()).orElseThrow();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (root.children().count() < 2 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    List<ProcessHandle> children = root.children().toList();
    assertEquals(2, children.size(), "sh and its two sleeps");
    p.close();
    assertEquals(OptionalInt.of(137), p.exitCode(), "SIGKILL, reported as 128 + 9");
    for (ProcessHandle c : children) {
      long until2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!killed(c.pid()) && System.nanoTime() < until2) {
        Thread.sleep(5);
      }
      assertTrue(killed(c.pid()), "descendant " + c.pid() + " still running");
    }
  }

  /** Gone, or a zombie (its new parent, PID 1 here, need not reap it): either way, killed. */
  private static boolean killed(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void theLaunchTimeIsTheHelpersWhichIsNeverBeforeTheCallerAsked() throws Exception {
    long asked = System.nanoTime();
    try (LaunchedProcess p =
        LaunchedProcess.start(helper(), List.of("sleep", "5"), Map.of(), dir.resolve("l"))) {
      long launched = p.startedAtNanos().orElseThrow();
      assertTrue(launched >= asked, "launched " + launched + " before asked " + asked);
      assertTrue(launched <= System.nanoTime(), "System.nanoTime's clock: CLOCK_MONOTONIC");
    }
  }

  @Test
  void itsCpuIsCountedAndAWatchSeesA200() throws Exception {
    NativeHelper h = helper();
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> answer(server));
      answering.setDaemon(true);
      answering.start();
      Recorder r = new Recorder();
      long before = System.nanoTime();
      h.watch("127.0.0.1", server.getLocalPort(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 500_000, r);
      long at = r.ready.get(10, TimeUnit.SECONDS);
      assertTrue(at >= before && at <= System.nanoTime(), "ready time on System.nanoTime's clock");
      assertTrue(NativeHelper.cpuNanos() > 0);
    }
  }

  @Test
  void unwatchingDropsAWatchWithTheAttemptsItMade() throws Exception {
    int closedPort = freePort();
    Recorder r = new Recorder();
    long wid = helper().watch("127.0.0.1", closedPort, "GET / HTTP/1.1\r\n\r\n", 1_000_000, r);
    Thread.sleep(50);
    helper().unwatch(wid);
    assertTrue(r.dropped.get(10, TimeUnit.SECONDS) >= 0);
    assertFalse(r.ready.isDone());
  }

  @Test
  void aKilledHelperFailsWhatWaitedOnItAndTheNextUseStartsAnother() throws Exception {
    NativeHelper h = helper();
    Recorder r = new Recorder();
    h.watch("127.0.0.1", freePort(), "GET / HTTP/1.1\r\n\r\n", 1_000_000, r);
    ProcessHandle.of(h.pid()).orElseThrow().destroyForcibly();
    assertEquals(-1, r.dropped.get(10, TimeUnit.SECONDS), "dropped because the helper is gone");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (h.isAlive() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    NativeHelper next = helper();
    assertTrue(next != h && next.isAlive());
    try (LaunchedProcess p =
        LaunchedProcess.start(next, List.of("true"), Map.of(), dir.resolve("l"))) {
      assertEquals(0, awaitExit(p));
    }
  }

  @Test
  void theHelperIsOursToCleanUpAfterACrash() {
    assertNotNull(OwnerMark.self());
    long pid = helper().pid();
    assertEquals(
        java.util.Optional.of(OwnerMark.self()),
        OwnerMark.ownerOf(pid),
        "the helper carries the owner mark, so a later run removes it after a kill -9");
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void answer(java.net.ServerSocket server) {
    while (!server.isClosed()) {
      try (java.net.Socket s = server.accept()) {
        s.getInputStream().read(new byte[1024]);
        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
      } catch (IOException e) {
        return;
      }
    }
  }

  private static final class Recorder implements NativeHelper.WatchEvents {
    final CompletableFuture<Long> ready = new CompletableFuture<>();
    final CompletableFuture<Integer> dropped = new CompletableFuture<>();

    @Override
    public void ready(long atNanos, int attempts) {
      ready.complete(atNanos);
    }

    @Override
    public void dropped(int attempts) {
      dropped.complete(attempts);
    }
  }
}
