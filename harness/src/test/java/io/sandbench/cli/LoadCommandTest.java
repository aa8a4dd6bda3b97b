package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.ProcessKiller;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code sandbench load}: webc in-process, against webd from the built image. */
class LoadCommandTest {
  record Outcome(int code, String out, String err) {}

  private static synchronized Outcome sandbench(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void loadsALiveWebdAndPrintsTheSummaryOrJson() throws Exception {
    Path webd = Path.of(System.getProperty("sandbench.home", ".."), "workload/target/webd-image/bin/webd");
    int port = freePort();
    Path log = Files.createTempFile("webd", ".log");
    Process p = new ProcessBuilder(webd.toString(), "--bind", "127.0.0.1", Integer.toString(port))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.readString(log).contains("listening") && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      String url = "http://127.0.0.1:" + port + "/";
      Outcome text = sandbench("load", url, "--requests", "200", "-c", "2");
      assertEquals(0, text.code(), text.err());
      assertTrue(text.out().contains("Total: 200 in "), text.out());
      Outcome json = sandbench("load", url, "--rate", "100", "--duration", "1s", "--json");
      assertEquals(0, json.code(), json.err());
      assertTrue(json.out().strip().startsWith("{\"url\":\"" + url + "\",\"mode\":\"open\""), json.out());
      assertTrue(json.out().contains("\"latencyMicros\":{\"p50\":"), json.out());
    } finally {
      ProcessKiller.killTree(p, Duration.ofSeconds(10));
    }
  }

  @Test
  void unreachableAndBadFlagsAreOneLineAndExit2() throws Exception {
    Outcome unreachable = sandbench("load", "http://127.0.0.1:" + freePort() + "/");
    assertEquals(2, unreachable.code());
    assertEquals(1, unreachable.err().lines().count(), unreachable.err());
    assertTrue(unreachable.err().startsWith("sandbench: cannot connect to 127.0.0.1:"), unreachable.err());

    Outcome badRate = sandbench("load", "http://127.0.0.1:9/", "--rate", "-3");
    assertEquals(2, badRate.code());
    assertEquals(1, badRate.err().lines().count(), badRate.err());
    assertTrue(badRate.err().startsWith("sandbench: --rate must be above 0"), badRate.err());
  }
}
