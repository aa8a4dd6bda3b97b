package io.sandbench.runtime.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A tiny HTTP GET that tells the status code, for polling instances in tests. */
public final class TestHttp {
  private TestHttp() {}

  public static int status(URI uri) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write(("GET / HTTP/1.0\r\nHost: " + uri.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[12];
      int n = in.readNBytes(buf, 0, 12);
      String head = new String(buf, 0, n, StandardCharsets.US_ASCII);
      return head.startsWith("HTTP/") && n >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Polls until 200 or the deadline; true on 200. */
  public static boolean awaitOk(io.sandbench.runtime.Instance in, long deadlineMillis)
      throws InterruptedException {
    URI uri = in.endpoint();
    long until = System.currentTimeMillis() + deadlineMillis;
    while (System.currentTimeMillis() < until && in.exitCode().isEmpty()) {
      if (status(uri) == 200) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /**
   * The instance's process tree once it has at least {@code min} processes (the client that
   * started it may still be exiting right after the first 200), or as it is after 10 s.
   */
  public static java.util.Set<Long> settledTree(io.sandbench.runtime.Instance in, int min)
      throws InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    java.util.Set<Long> pids = in.processes().pids();
    while (pids.size() < min && System.currentTimeMillis() < until) {
      Thread.sleep(50);
      pids = in.processes().pids();
    }
    return pids;
  }
}
