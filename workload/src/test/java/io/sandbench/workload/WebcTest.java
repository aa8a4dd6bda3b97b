package io.sandbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sandbench.workload.webc.Webc;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** webc against a live webd (a real process from the image). */
class WebcTest {
  /** webc run in this JVM: exit code, stdout, stderr. */
  record Outcome(int code, String out, String err) {}

  static Outcome webc(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Webc.run("webc", args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void articleModePrintsTpsEachSecondAndTheTotal() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      Outcome o = webc(w.url(), "1", "--duration", "2500ms");
      assertEquals(0, o.code(), o.err());
      List<String> lines = o.out().lines().toList();
      long tpsLines = lines.stream().filter(l -> l.matches("TPS: \\d+")).count();
      assertTrue(tpsLines == 2 || tpsLines == 3, o.out()); // 3 only on a stalled machine
      Matcher total = Pattern.compile("Total: (\\d+) in (\\d+) ms \\((\\d+\\.\\d+) T/ms\\)")
          .matcher(o.out());
      assertTrue(total.find(), o.out());
      long n = Long.parseLong(total.group(1));
      long ms = Long.parseLong(total.group(2));
      // One connection and 1 ms between requests: at most one request per millisecond.
      assertTrue(n > 0 && n <= ms, o.out());
      assertTrue(ms >= 2500, o.out());
      assertTrue(o.out().contains("Latency (us): p50 "), o.out());
      // webd counted exactly the requests webc reports.
      assertTrue(w.exchange("GET / HTTP/1.0\r\n\r\n").endsWith("Request " + (n + 1)));
    }
  }

  @Test
  void requestBoundIsExactAcrossConnectionsAndJsonHasTheAgreedFields() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      Outcome o = webc(w.url(), "--connections", "4", "--requests", "1000", "--json");
      assertEquals(0, o.code(), o.err());
      String json = o.out().strip();
      assertEquals(1, o.out().lines().count(), o.out());
      assertTrue(json.startsWith("{\"url\":\"" + w.url() + "\",\"mode\":\"closed\""), json);
      for (String field : List.of("\"connections\":4", "\"rate\":null", "\"requests\":1000",
          "\"errors\":0", "\"durationMs\":", "\"throughput\":", "\"latencyMicros\":{\"p50\":",
          "\"p90\":", "\"p99\":", "\"p999\":", "\"max\":")) {
        assertTrue(json.contains(field), field + " missing in " + json);
      }
      assertTrue(w.exchange("GET / HTTP/1.0\r\n\r\n").endsWith("Request 1001"));
    }
  }

  @Test
  void openLoopHoldsTheConfiguredRate() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      Outcome o = webc(w.url(), "--rate", "200", "--connections", "2", "--duration", "2s",
          "--json");
      assertEquals(0, o.code(), o.err());
      assertTrue(o.out().contains("\"mode\":\"open\""), o.out());
      assertTrue(o.out().contains("\"rate\":200"), o.out());
      double throughput = number(o.out(), "throughput");
      long requests = (long) number(o.out(), "requests");
      assertTrue(throughput >= 160 && throughput <= 240, o.out());
      assertTrue(requests >= 320 && requests <= 480, o.out());
    }
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":([0-9.]+)").matcher(json);
    assertTrue(m.find(), field + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void failedRequestStopsTheRunWithExit1() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      Outcome o = webc(w.url() + "missing", "--duration", "5s");
      assertEquals(1, o.code());
      assertEquals(1, o.err().lines().count(), o.err());
      assertTrue(o.err().contains("answered HTTP 404"), o.err());
      assertTrue(o.out().contains("errors: 1"), o.out());
    }
  }

  @Test
  void serverDyingMidRunIsExit1() throws Exception {
    Outcome[] outcome = new Outcome[1];
    try (WebdProcess w = WebdProcess.start()) {
      Thread load = new Thread(() -> outcome[0] = webc(w.url(), "--duration", "20s"));
      load.start();
      Thread.sleep(700);
      w.process.destroyForcibly();
      load.join(30_000);
    }
    assertEquals(1, outcome[0].code(), outcome[0].out());
    assertTrue(outcome[0].err().startsWith("webc: request to 127.0.0.1:"), outcome[0].err());
  }

  @Test
  void chunkedAndCloseDelimitedAnswersAreRead() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/chunked", exchange -> {
      exchange.sendResponseHeaders(200, 0); // 0: chunked
      try (OutputStream body = exchange.getResponseBody()) {
        body.write("part one, ".getBytes(StandardCharsets.US_ASCII));
        body.flush();
        body.write("part two".getBytes(StandardCharsets.US_ASCII));
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/chunked";
      Outcome o = webc(url, "--requests", "50", "--json");
      assertEquals(0, o.code(), o.err());
      assertTrue(o.out().contains("\"requests\":50"), o.out());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unreachableTargetIsOneLineAndExit2() throws Exception {
    int port = WebdProcess.freePort(); // nothing listens there now
    Outcome o = webc("http://127.0.0.1:" + port + "/", "--requests", "1");
    assertEquals(2, o.code());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("webc: cannot connect to 127.0.0.1:" + port), o.err());
    assertEquals("", o.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "ftp://127.0.0.1/",
    "http://127.0.0.1:9090/ --connections 0",
    "http://127.0.0.1:9090/ --rate -5",
    "http://127.0.0.1:9090/ --rate fast",
    "http://127.0.0.1:9090/ --duration 5x",
    "http://127.0.0.1:9090/ --duration 0s",
    "http://127.0.0.1:9090/ --requests 1.5",
    "http://127.0.0.1:9090/ --rate 10 --delay-ms 5",
    "http://127.0.0.1:9090/ 5 --delay-ms 5",
    "http://127.0.0.1:9090/ --what",
    "http://127.0.0.1:9090/ --connections",
    "http://no host/"
  })
  void badInputIsOneLineAndExit2(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" (?=-|\\d)");
    Outcome o = webc(args);
    assertEquals(2, o.code(), o.out() + o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("webc: "), o.err());
    assertEquals("", o.out());
  }

  @Test
  void standaloneMainExitsWithTheCodeAndOneLine() throws Exception {
    int port = WebdProcess.freePort();
    Path dir = Files.createTempDirectory("webc-test");
    List<String> argv = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", Path.of(Webc.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString(),
        Webc.class.getName(), "http://127.0.0.1:" + port + "/"));
    Process p = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile())
        .start();
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
      List<String> err = Files.readAllLines(dir.resolve("err"));
      assertEquals(1, err.size(), err.toString());
      assertTrue(err.get(0).startsWith("webc: cannot connect"), err.get(0));
    } finally {
      p.destroyForcibly();
    }
  }
}
