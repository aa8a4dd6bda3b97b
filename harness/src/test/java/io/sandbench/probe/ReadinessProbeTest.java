package io.sandbench.probe;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/** The probe against real sockets on loopback. */
class ReadinessProbeTest {
  /** An instance that is only an address: the server behind it is run by the test itself. */
  record Address(URI endpoint) implements Instance {
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
      return OptionalInt.empty();
    }

    @Override
    public String outputTail(int lines) {
      return "";
    }

    @Override
    public void close() {}
  }

  /**
   * A server whose accept queue is full drops the probe's SYNs, so its connects stay pending and
   * are dropped and retried; once the server drains the queue and answers, the probe must still
   * see the 200 (its read thread must survive the connects the tick thread cancelled).
   */
  @Test
  void aServerWithAFullAcceptQueueIsStillMeasuredOnceItAnswers() throws Exception {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ReadinessProbe probe = new ReadinessProbe(Duration.ofMillis(1))) {
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
      Watch w = probe.watch(new Address(uri), now, now + Duration.ofSeconds(20).toNanos());
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
