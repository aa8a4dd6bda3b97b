package io.sandbench.measure;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;

/**
 * A stand-in for webc in tests (same arguments, same JSON line): GETs the URL in a closed loop,
 * one connection at a time, with a delay between requests, for the duration.
 */
public final class LoopLoadClient {
  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    long delay = Long.parseLong(args[2]);
    long durationMs = Long.parseLong(args[4].replace("ms", ""));
    long end = System.nanoTime() + durationMs * 1_000_000;
    long[] lat = new long[1 << 20];
    int n = 0;
    int errors = 0;
    long start = System.nanoTime();
    while (System.nanoTime() < end && n < lat.length) {
      long t = System.nanoTime();
      HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
      try {
        if (c.getResponseCode() != 200) {
          errors++;
        }
        c.getInputStream().readAllBytes();
      } catch (java.io.IOException e) {
        errors++;
      }
      lat[n++] = (System.nanoTime() - t) / 1000;
      Thread.sleep(delay);
    }
    long took = (System.nanoTime() - start) / 1_000_000;
    long[] l = Arrays.copyOf(lat, n);
    Arrays.sort(l);
    System.out.printf(
        "{\"url\":\"%s\",\"mode\":\"closed\",\"connections\":1,\"rate\":null,\"requests\":%d,\"errors\":%d,"
            + "\"durationMs\":%d,\"throughput\":%.1f,\"latencyMicros\":{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d}}%n",
        url, n, errors, took, n * 1000.0 / took, q(l, 0.5), q(l, 0.9), q(l, 0.99), q(l, 0.999),
        l.length == 0 ? 0 : l[l.length - 1]);
  }

  private static long q(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
