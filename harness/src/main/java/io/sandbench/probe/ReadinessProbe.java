package io.sandbench.probe;

import io.sandbench.exec.NativeHelper;
import io.sandbench.runtime.Instance;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Time to first HTTP 200 for many instances at once, from the harness: each pending instance is
 * tried once per interval, and a 200 is timed the moment it arrives, not rounded to the interval.
 * An instance that exits or passes its deadline is a failure with its last output.
 */
public interface ReadinessProbe extends AutoCloseable {
  /** The native helper's probe when there is a helper, else the Java one. */
  static ReadinessProbe open(Duration interval) {
    return NativeHelper.get()
        .<ReadinessProbe>map(h -> new HelperReadinessProbe(h, interval))
        .orElseGet(() -> new JavaReadinessProbe(interval));
  }

  /** Starts probing an instance launched at {@code launchedAt}; gives up at {@code deadline}. */
  Watch watch(Instance instance, long launchedAt, long deadline);

  /** Blocks until every watch has its 200 or its failure. */
  default void awaitAll(List<Watch> watches) throws InterruptedException {
    for (Watch w : watches) {
      w.await();
    }
  }

  @Override
  void close();

  /** The request every probe sends: a plain GET of the endpoint's path, one per connection. */
  static String request(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n";
  }
}
