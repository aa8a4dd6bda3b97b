package io.sandbench.workload.image;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A training run of webd on its image: starts it on a free loopback port, sends the requests an
 * instance sees (HTTP/1.0 and keep-alive GETs, a 404, a malformed head), stops it with SIGTERM and
 * checks it exits 0. The JVM options given record what it loaded, for the class-data archive.
 */
final class WebdTraining {
  private static final long START_DEADLINE_MS = 30_000;
  private static final long STOP_DEADLINE_MS = 30_000;

  private WebdTraining() {}

  static void run(Path java, List<String> jvmOptions, String mainModule, Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(jvmOptions);
    argv.add("-m");
    argv.add(mainModule);
    argv.add("--bind");
    argv.add("127.0.0.1");
    argv.add(Integer.toString(port));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    try {
      awaitListening(p, log);
      exchange(port, "GET / HTTP/1.1\r\nHost: training\r\n\r\n"
          + "GET / HTTP/1.1\r\nHost: training\r\n\r\n"
          + "GET / HTTP/1.1\r\nHost: training\r\nConnection: close\r\n\r\n", 3);
      exchange(port, "GET / HTTP/1.0\r\nHost: training\r\n\r\n", 1);
      exchange(port, "GET /missing HTTP/1.1\r\nHost: training\r\n\r\n", 1);
      exchange(port, "not http\r\n\r\n", 1);
      p.destroy(); // SIGTERM: the stop every instance gets
      if (!p.waitFor(STOP_DEADLINE_MS, TimeUnit.MILLISECONDS)) {
        throw new IOException("webd training run did not stop on SIGTERM; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "webd training run exited " + p.exitValue() + " on SIGTERM; see " + log);
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(STOP_DEADLINE_MS, TimeUnit.MILLISECONDS);
    }
  }

  private static void awaitListening(Process p, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_DEADLINE_MS);
    while (!Files.readString(log).contains("webd listening on")) {
      if (!p.isAlive()) {
        throw new IOException("webd training run exited " + p.exitValue() + " early: "
            + Files.readString(log).strip());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("webd training run never listened; see " + log);
      }
      Thread.sleep(10);
    }
  }

  /** Sends {@code requests} and reads until {@code answers} status lines and the close arrive. */
  private static void exchange(int port, String requests, int answers) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String got = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      int seen = got.split("HTTP/1.1 ", -1).length - 1;
      if (seen != answers) {
        throw new IOException(
            "webd training run answered " + seen + " of " + answers + " requests: " + got);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
