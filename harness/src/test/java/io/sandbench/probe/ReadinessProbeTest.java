package io.sandbench.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.NativeHelper;
import io.sandbench.proc.ProcessTree;
import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both probes (the native helper's, and the Java one it falls back to) against real sockets. */
class ReadinessProbeTest {
  enum Kind {
    HELPER,
    JAVA;

    ReadinessProbe open(Duration interval) {
      if (this == JAVA) {
        return new JavaReadinessProbe(interval);
      }
      return new HelperReadinessProbe(
          NativeHelper.get().orElseThrow(() -> new AssertionError("no helper: " + NativeHelper.why())),
          interval);
    }
  }

  /**
   * An instance that is only an address (the server behind it is run by the test itself), and
   * that "exits" with {@code code} at {@code exitsAt} (System.nanoTime), having printed "boom".
   */
  record Fake(URI endpoint, long exitsAt, int code) implements Instance {
    static Fake address(URI endpoint) {
      return new Fake(endpoint, Long.MAX_VALUE, 0);
    }

    @Override
    public int id() {
      return 0;
    }

    @Override
    public ProcessTree processes() {
      return ProcessTree.empty();
    }

    @Override
    public OptionalInt exitCode() {
      return exitsAt != Long.MAX_VALUE && System.nanoTime() - exitsAt > 0
          ? OptionalInt.of(code)
          : OptionalInt.empty();
    }

    @Override
    public String outputTail(int lines) {
      return exitsAt == Long.MAX_VALUE ? "" : "boom";
    }

    @Override
    public void close() {}
  }

  /**
   * A server whose accept queue is full drops the probe's SYNs, so its connects stay pending and
   * are dropped and retried; once the server drains the queue and answers, the probe must still
   * see the 200 (its read thread must survive the connects the tick thread cancelled).
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aServerWithAFullAcceptQueueIsStillMeasuredOnceItAnswers(Kind kind) throws Exception {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ReadinessProbe probe = kind.open(Duration.ofMillis(1))) {
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 50);
        } catch (IOException full) {
          // The queue is full already: that is what we want.
        }
        fillers.add(s);
      }
      long now = System.nanoTime();
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
      Watch w = probe.watch(Fake.address(uri), now, now + Duration.ofSeconds(20).toNanos());
      Thread.sleep(300);
      Thread answering = new Thread(() -> answerForever(server));
      answering.setDaemon(true);
      answering.start();
      probe.awaitAll(List.of(w));
      assertNull(w.failure(), w.failure());
      assertTrue(w.succeeded());
      assertTrue(w.readyAfterNanos() >= 300_000_000L, "not before the server answered");
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }

  /**
   * A server that starts listening late, on the IPv6 wildcard (dual stack), is found through
   * 127.0.0.1: the helper looks for listeners of both families before it connects.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLateServerOnTheIpv6WildcardIsFoundThroughIpv4Loopback(Kind kind) throws Exception {
    int port = freePort();
    try (ReadinessProbe probe = kind.open(Duration.ofMillis(1))) {
      long now = System.nanoTime();
      Watch w = probe.watch(
          Fake.address(URI.create("http://127.0.0.1:" + port + "/")), now,
          now + Duration.ofSeconds(20).toNanos());
      Thread.sleep(200);
      try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName("::"))) {
        Thread answering = new Thread(() -> answerForever(server));
        answering.setDaemon(true);
        answering.start();
        probe.awaitAll(List.of(w));
      }
      assertNull(w.failure(), w.failure());
      assertTrue(w.readyAfterNanos() >= 200_000_000L, "not before it listened");
      assertTrue(w.attempts() >= 1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void answersOtherThan200AreRetriedUntilA200(Kind kind) throws Exception {
    AtomicInteger served = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ReadinessProbe probe = kind.open(Duration.ofMillis(1))) {
      Thread answering = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            s.getInputStream().read(new byte[512]);
            String status = served.incrementAndGet() <= 3 ? "503 Busy" : "200 OK";
            s.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            return;
          }
        }
      });
      answering.setDaemon(true);
      answering.start();
      long now = System.nanoTime();
      Watch w = probe.watch(Fake.address(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/")),
          now, now + Duration.ofSeconds(20).toNanos());
      probe.awaitAll(List.of(w));
      assertNull(w.failure(), w.failure());
      assertTrue(w.attempts() >= 4, "three 503s, then the 200: " + w.attempts());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anInstanceThatExitsIsAFailureWithItsCodeAndOutput(Kind kind) throws Exception {
    try (ReadinessProbe probe = kind.open(Duration.ofMillis(1))) {
      long now = System.nanoTime();
      Instance exiting = new Fake(URI.create("http://127.0.0.1:" + freePort() + "/"),
          now + 100_000_000L, 7);
      Watch w = probe.watch(exiting, now, now + Duration.ofSeconds(20).toNanos());
      probe.awaitAll(List.of(w));
      assertFalse(w.succeeded());
      assertTrue(w.failure().contains("exited with code 7") && w.failure().contains("boom"),
          w.failure());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aServerThatNeverListensFailsAtItsDeadline(Kind kind) throws Exception {
    try (ReadinessProbe probe = kind.open(Duration.ofMillis(1))) {
      long now = System.nanoTime();
      Watch w = probe.watch(Fake.address(URI.create("http://127.0.0.1:" + freePort() + "/")), now,
          now + Duration.ofMillis(300).toNanos());
      probe.awaitAll(List.of(w));
      assertFalse(w.succeeded());
      assertTrue(w.failure().startsWith("no HTTP 200 within 300 ms"), w.failure());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void answerForever(ServerSocket server) {
    byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        .getBytes(StandardCharsets.US_ASCII);
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(200);
        try {
          s.getInputStream().read(new byte[512]);
        } catch (IOException ignored) {
          // A filler that sends nothing: answer anyway.
        }
        OutputStream out = s.getOutputStream();
        out.write(ok);
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }
}
