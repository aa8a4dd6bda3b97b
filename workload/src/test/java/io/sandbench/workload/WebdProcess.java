package io.sandbench.workload;

import java.io.File;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real webd process from the built runtime image, killed by {@link #close()}. */
public final class WebdProcess implements AutoCloseable {
  private static final long START_DEADLINE_MS = 20_000;

  public final Process process;
  public final int port;
  public final Path stdout;
  public final Path stderr;

  private WebdProcess(Process process, int port, Path stdout, Path stderr) {
    this.process = process;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The image Maven built (target/webd-image), as the surefire configuration names it. */
  public static Path image() {
    return Path.of(System.getProperty("webd.image", "target/webd-image")).toAbsolutePath();
  }

  /** The release of the JDK inside an image (from its release file). */
  public static int imageFeature(Path image) throws IOException {
    for (String line : Files.readAllLines(image.resolve("release"))) {
      if (line.startsWith("JAVA_VERSION=")) {
        String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Integer.parseInt(v.split("[.+-]")[0]);
      }
    }
    throw new IOException("no JAVA_VERSION in " + image.resolve("release"));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code image}/bin/webd on a free loopback port and waits until it listens. */
  public static WebdProcess start(Path image, Map<String, String> env) throws IOException {
    int port = freePort();
    Path dir = Files.createTempDirectory("webd-test");
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p = launch(image, env, out, err, "--bind", "127.0.0.1", Integer.toString(port));
    WebdProcess w = new WebdProcess(p, port, out, err);
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_DEADLINE_MS);
      while (!Files.readString(out).contains("listening")) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("webd did not start: " + Files.readString(err));
        }
        Thread.sleep(5);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      w.close();
      throw e instanceof IOException io ? io : new IOException(e);
    }
    return w;
  }

  public static WebdProcess start() throws IOException {
    return start(image(), Map.of());
  }

  /** Runs bin/webd with {@code args}; output goes to the two files. */
  public static Process launch(Path image, Map<String, String> env, Path out, Path err,
      String... args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(image.resolve("bin/webd").toString());
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    return pb.start();
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Writes raw bytes on a new connection and reads until the server closes it. */
  public String exchange(String raw) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      o.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      o.flush();
      InputStream i = s.getInputStream();
      return new String(i.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
