package io.sandbench.runtime.vm;

import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** Polls an instance's endpoint until HTTP 200, its exit, or a deadline (tests only). */
public final class FirstOk {
  private FirstOk() {}

  /** Milliseconds from now to the first 200, or -1 at the deadline or when the instance ended. */
  public static long await(Instance instance, Duration deadline) throws InterruptedException {
    long start = System.nanoTime();
    long until = start + deadline.toNanos();
    while (System.nanoTime() < until) {
      if (status(instance.endpoint()) == 200) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      if (instance.exitCode().isPresent()) {
        return -1;
      }
      Thread.sleep(50);
    }
    return -1;
  }

  static int status(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }
}
