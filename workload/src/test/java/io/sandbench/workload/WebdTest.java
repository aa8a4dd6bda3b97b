package io.sandbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** webd as a real process from its runtime image. */
class WebdTest {
  private static final Pattern BODY = Pattern.compile("Request (\\d+)");

  @Test
  void printsOneLineWhenListeningAndCountsFromOne() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      assertEquals("webd listening on 127.0.0.1:" + w.port + "\n", Files.readString(w.stdout));
      String answer = w.exchange("GET / HTTP/1.0\r\nHost: t\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
      assertTrue(answer.contains("\r\nContent-Length: 9\r\n"), answer);
      assertTrue(answer.endsWith("\r\n\r\nRequest 1"), answer);
    }
  }

  @Test
  void concurrentRequestsGetDistinctNumbers() throws Exception {
    int connections = 8;
    int perConnection = 50;
    try (WebdProcess w = WebdProcess.start()) {
      ExecutorService pool = Executors.newFixedThreadPool(connections);
      try {
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
          results.add(pool.submit(keepAliveClient(w.port, perConnection)));
        }
        Set<Long> seen = new HashSet<>();
        for (Future<List<Long>> f : results) {
          for (long n : f.get(60, TimeUnit.SECONDS)) {
            assertTrue(seen.add(n), "request number " + n + " given twice");
          }
        }
        assertEquals(connections * perConnection, seen.size());
        for (long n = 1; n <= connections * perConnection; n++) {
          assertTrue(seen.contains(n), "request number " + n + " missing");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Sends n requests one after another on one kept-alive connection. */
  private static Callable<List<Long>> keepAliveClient(int port, int n) {
    return () -> {
      List<Long> numbers = new ArrayList<>();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        for (int i = 0; i < n; i++) {
          out.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          String answer = readOneAnswer(in);
          assertFalse(answer.contains("Connection: close"), answer);
          Matcher m = BODY.matcher(answer);
          assertTrue(m.find(), answer);
          numbers.add(Long.parseLong(m.group(1)));
        }
      }
      return numbers;
    };
  }

  /** Reads one answer by its Content-Length; the connection stays usable. */
  private static String readOneAnswer(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after: " + head);
      }
      head.append((char) b);
    }
    Matcher m = Pattern.compile("Content-Length: (\\d+)").matcher(head);
    assertTrue(m.find(), head.toString());
    byte[] body = in.readNBytes(Integer.parseInt(m.group(1)));
    return head + new String(body, StandardCharsets.US_ASCII);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      String answers = w.exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n"
          + "GET /?x=1 HTTP/1.1\r\nHost: t\r\n\r\n"
          + "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
      Matcher m = BODY.matcher(answers);
      for (int n = 1; n <= 3; n++) {
        assertTrue(m.find(), answers);
        assertEquals(n, Integer.parseInt(m.group(1)));
      }
      assertTrue(answers.contains("Connection: close"), answers);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "GARBAGE\r\n\r\n",
    "GET /\r\n\r\n",
    "GET  / HTTP/1.1\r\n\r\n",
    "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
    "GET / HTTP/1.1\r\n folded: header\r\n\r\n",
    "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
    "GET / FTP/1.1\r\n\r\n",
    "G\u00c9T / HTTP/1.1\r\n\r\n"
  })
  void malformedRequestGets400AndLaterRequestsStillWork(String request) throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      String answer = w.exchange(request);
      assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
      assertTrue(answer.contains("Connection: close"), answer);
      assertTrue(w.exchange("GET / HTTP/1.0\r\n\r\n").endsWith("Request 1"));
    }
  }

  @Test
  void oversizedHeadGets431AndTheServerGoesOn() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      String answer = w.exchange("GET / HTTP/1.1\r\nX-Big: " + "x".repeat(10_000) + "\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
      assertTrue(w.exchange("GET / HTTP/1.0\r\n\r\n").endsWith("Request 1"));
    }
  }

  @Test
  void otherPathsAre404OtherMethods405OtherVersions505() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      assertTrue(w.exchange("GET /nothing HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));
      String post = w.exchange("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
      assertTrue(post.startsWith("HTTP/1.1 405 "), post);
      assertTrue(post.contains("Allow: GET"), post);
      assertTrue(w.exchange("GET / HTTP/2.0\r\n\r\n").startsWith("HTTP/1.1 505 "));
      // None of these was counted.
      assertTrue(w.exchange("GET / HTTP/1.0\r\n\r\n").endsWith("Request 1"));
    }
  }

  @Test
  void http10KeepAliveIsHonoured() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      String answers = w.exchange("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
          + "GET / HTTP/1.0\r\n\r\n");
      assertTrue(answers.contains("Connection: keep-alive\r\n\r\nRequest 1"), answers);
      assertTrue(answers.endsWith("Connection: close\r\n\r\nRequest 2"), answers);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "65536", "99999999", "8o80", ""})
  void badPortIsOneLineAndExit2(String port) throws Exception {
    assertOneLineExit2(List.of("--bind", "127.0.0.1", port), "bad port");
  }

  @Test
  void unknownOptionIsOneLineAndExit2() throws Exception {
    assertOneLineExit2(List.of("--verbose"), "unknown option --verbose");
  }

  @Test
  void portInUseIsOneLineAndExit2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertOneLineExit2(
          List.of("--bind", "127.0.0.1", Integer.toString(taken.getLocalPort())), "in use");
    }
  }

  private static void assertOneLineExit2(List<String> args, String expected) throws Exception {
    Path dir = Files.createTempDirectory("webd-test");
    Process p = WebdProcess.launch(WebdProcess.image(), Map.of(), dir.resolve("out"),
        dir.resolve("err"), args.toArray(new String[0]));
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "webd did not exit");
      assertEquals(2, p.exitValue());
      List<String> err = Files.readAllLines(dir.resolve("err"));
      assertEquals(1, err.size(), err.toString());
      assertTrue(err.get(0).startsWith("webd: ") && err.get(0).contains(expected), err.get(0));
      assertEquals("", Files.readString(dir.resolve("out")));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sigtermIsACleanExit() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      // An idle kept-alive connection must not hold the stop up.
      try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), w.port)) {
        idle.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        readOneAnswer(idle.getInputStream());
        w.process.destroy(); // SIGTERM
        assertTrue(w.process.waitFor(20, TimeUnit.SECONDS), "webd ignored SIGTERM");
        assertEquals(0, w.process.exitValue());
        assertEquals("", Files.readString(w.stderr));
      }
    }
  }

  @Test
  void idleServerBurnsNoCpu() throws Exception {
    try (WebdProcess w = WebdProcess.start()) {
      try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), w.port)) {
        idle.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        readOneAnswer(idle.getInputStream());
        Thread.sleep(500); // let start-up compilation settle
        long before = cpuTicks(w.process.pid());
        Thread.sleep(2000);
        long used = cpuTicks(w.process.pid()) - before;
        // A polling loop would take far more; the JVM's own housekeeping takes a tick or two.
        assertTrue(used <= 10, "idle webd used " + used + " CPU ticks in 2 s");
      }
    }
  }

  /** utime + stime of a process, in clock ticks (1/100 s). */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  @Test
  void launcherFindsItsRuntimeThroughASymlinkAndFromItsOwnDirectory() throws Exception {
    Path dir = Files.createTempDirectory("webd-launcher");
    Path link = Files.createSymbolicLink(dir.resolve("webd"), WebdProcess.image().resolve("bin/webd"));
    try {
      assertUsage(new ProcessBuilder(link.toString(), "--help"), dir);
      assertUsage(new ProcessBuilder("sh", "webd", "--help")
          .directory(WebdProcess.image().resolve("bin").toFile()), dir);
    } finally {
      deleteTree(dir);
    }
  }

  private static void assertUsage(ProcessBuilder pb, Path dir) throws Exception {
    Path out = dir.resolve("out");
    Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), Files.readString(out));
      assertEquals("usage: webd [--bind ADDR] [PORT]\n", Files.readString(out));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void imageRunsFromACopyWithItsArchive() throws Exception {
    Path copy = Files.createTempDirectory("webd-image-copy").resolve("somewhere else");
    copyTree(WebdProcess.image(), copy);
    try {
      // Fails loudly (no start) if the class-data archive cannot be used from the new path.
      String strict = WebdProcess.imageFeature(copy) >= 24 ? "-XX:AOTMode=on" : "-Xshare:on";
      try (WebdProcess w = WebdProcess.start(copy, Map.of("WEBD_JAVA_OPTS", strict))) {
        assertTrue(w.exchange("GET / HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 200 OK"));
        assertEquals("", Files.readString(w.stderr));
      }
    } finally {
      deleteTree(copy.getParent());
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target); // plain copy: new times, same permissions
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
