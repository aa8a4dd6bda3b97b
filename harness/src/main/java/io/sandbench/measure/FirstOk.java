package io.sandbench.measure;

import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Duration;

/**
 * Waits until an instance answers HTTP 200 at its endpoint. A stand-in for probe/ until the
 * lead's readiness probe lands on main; then the experiments call that instead.
 */
final class FirstOk {
  private FirstOk() {}

  /** Returns once the endpoint answered 200; throws with the instance's last output otherwise. */
  static void await(Instance instance, Duration deadline) {
    long until = System.nanoTime() + deadline.toNanos();
    while (true) {
      if (answers200(instance)) {
        return;
      }
      if (instance.exitCode().isPresent()) {
        throw new IllegalStateException(
            "instance " + instance.id() + " exited with code " + instance.exitCode().getAsInt()
                + " before answering: " + instance.outputTail(5).strip());
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "instance " + instance.id() + " did not answer HTTP 200 at " + instance.endpoint()
                + " within " + deadline.toSeconds() + " s: " + instance.outputTail(5).strip());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for instance " + instance.id());
      }
    }
  }

  private static boolean answers200(Instance instance) {
    try {
      HttpURLConnection c = (HttpURLConnection) instance.endpoint().toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      try {
        int code = c.getResponseCode();
        c.getInputStream().readAllBytes();
        return code == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }
}
