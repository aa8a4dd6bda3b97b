package io.sandbench.measure;

import java.io.IOException;
import java.net.ServerSocket;

/** A base port with a run of free ports above it, so parallel test runs do not collide. */
public final class TestPorts {
  private TestPorts() {}

  public static int base() {
    for (int attempt = 0; attempt < 50; attempt++) {
      // Below Linux's ephemeral range (32768-60999), where client ports in TIME_WAIT would collide.
      int base = 12000 + (int) (Math.random() * 20000);
      if (free(base, 16)) {
        return base;
      }
    }
    throw new IllegalStateException("no run of 16 free ports found");
  }

  private static boolean free(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket(p)) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
