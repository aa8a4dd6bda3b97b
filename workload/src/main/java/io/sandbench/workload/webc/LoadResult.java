package io.sandbench.workload.webc;

import java.util.List;
import java.util.Locale;

/**
 * What a load run measured, and its two renderings: the human summary and one JSON object whose
 * field names other parts of sandbench parse ({@code url, mode, connections, rate, requests,
 * errors, durationMs, throughput, latencyMicros{p50,p90,p99,p999,max}}; more may be added, none
 * renamed).
 *
 * <p>latencyMicros are the measured latencies: closed loop, from each send to its answer; open
 * loop, from each scheduled send. latencyMicrosCorrectedLikeWrk (closed loop) applies wrk 4's
 * after-the-fact correction, so that webc's figures compare with wrk's {@code --latency} ones.
 */
public final class LoadResult {
  private final String url;
  private final LoadOptions options;
  private final long requests;
  private final long errors;
  private final long durationNanos;
  private final LatencyHistogram latencies;
  private final List<Long> perSecond;
  private final String failure;
  private final boolean interrupted;

  LoadResult(String url, LoadOptions options, long requests, long errors, long durationNanos,
      LatencyHistogram latencies, List<Long> perSecond, String failure, boolean interrupted) {
    this.url = url;
    this.options = options;
    this.requests = requests;
    this.errors = errors;
    this.durationNanos = durationNanos;
    this.latencies = latencies;
    this.perSecond = List.copyOf(perSecond);
    this.failure = failure;
    this.interrupted = interrupted;
  }

  /** Answered requests (2xx). */
  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  /** Why the run failed (the first failure), or null. */
  public String failure() {
    return failure;
  }

  public double durationMillis() {
    return durationNanos / 1e6;
  }

  /** Answered requests per second. */
  public double throughput() {
    return durationNanos == 0 ? 0 : requests * 1e9 / durationNanos;
  }

  /** Latency at a percentile, in microseconds. */
  public double latencyMicros(double percentile) {
    return latencies.valueAt(percentile) / 1e3;
  }

  /**
   * Closed loop only: the latencies corrected as wrk 4 corrects its own (see {@link
   * LatencyHistogram#correctedFor}), expected interval = duration x connections / requests; null
   * in the open loop or without requests.
   */
  LatencyHistogram correctedLikeWrk() {
    if (options.openLoop() || requests == 0) {
      return null;
    }
    return latencies.correctedFor(durationNanos * options.connections / requests);
  }

  /** The article's closing line and the latency percentiles. */
  public String summary() {
    long ms = Math.round(durationMillis());
    StringBuilder s = new StringBuilder();
    s.append("Total: ").append(requests).append(" in ").append(ms).append(" ms (")
        .append(fixed(ms == 0 ? 0 : (double) requests / ms, 3)).append(" T/ms)\n");
    s.append("Latency (us): p50 ").append(fixed(latencyMicros(50), 1))
        .append(", p90 ").append(fixed(latencyMicros(90), 1))
        .append(", p99 ").append(fixed(latencyMicros(99), 1))
        .append(", p99.9 ").append(fixed(latencyMicros(99.9), 1))
        .append(", max ").append(fixed(latencies.max() / 1e3, 1)).append('\n');
    LatencyHistogram corrected = correctedLikeWrk();
    if (corrected != null) {
      s.append("Corrected like wrk (us): p50 ").append(fixed(corrected.valueAt(50) / 1e3, 1))
          .append(", p90 ").append(fixed(corrected.valueAt(90) / 1e3, 1))
          .append(", p99 ").append(fixed(corrected.valueAt(99) / 1e3, 1))
          .append(", p99.9 ").append(fixed(corrected.valueAt(99.9) / 1e3, 1)).append('\n');
    }
    s.append("Throughput: ").append(fixed(throughput(), 1)).append(" requests/s, ")
        .append(options.openLoop() ? "open loop at " + number(options.rate) + "/s" : "closed loop")
        .append(", ").append(options.connections)
        .append(options.connections == 1 ? " connection" : " connections")
        .append(", errors: ").append(errors);
    if (interrupted) {
      s.append(" (interrupted)");
    }
    return s.append('\n').toString();
  }

  public String toJson() {
    StringBuilder s = new StringBuilder(256);
    s.append("{\"url\":").append(quote(url))
        .append(",\"mode\":").append(options.openLoop() ? "\"open\"" : "\"closed\"")
        .append(",\"connections\":").append(options.connections)
        .append(",\"rate\":").append(options.openLoop() ? number(options.rate) : "null")
        .append(",\"delayMs\":").append(options.delayMillis)
        .append(",\"requests\":").append(requests)
        .append(",\"errors\":").append(errors)
        .append(",\"durationMs\":").append(fixed(durationMillis(), 3))
        .append(",\"throughput\":").append(fixed(throughput(), 3))
        .append(",\"latencyMicros\":{")
        .append("\"p50\":").append(fixed(latencyMicros(50), 3))
        .append(",\"p90\":").append(fixed(latencyMicros(90), 3))
        .append(",\"p99\":").append(fixed(latencyMicros(99), 3))
        .append(",\"p999\":").append(fixed(latencyMicros(99.9), 3))
        .append(",\"max\":").append(fixed(latencies.max() / 1e3, 3))
        .append(",\"min\":").append(fixed(latencies.min() / 1e3, 3))
        .append(",\"mean\":").append(fixed(latencies.mean() / 1e3, 3))
        .append("},\"latencyMicrosCorrectedLikeWrk\":");
    LatencyHistogram corrected = correctedLikeWrk();
    if (corrected == null) {
      s.append("null");
    } else {
      s.append("{\"p50\":").append(fixed(corrected.valueAt(50) / 1e3, 3))
          .append(",\"p90\":").append(fixed(corrected.valueAt(90) / 1e3, 3))
          .append(",\"p99\":").append(fixed(corrected.valueAt(99) / 1e3, 3))
          .append(",\"p999\":").append(fixed(corrected.valueAt(99.9) / 1e3, 3))
          .append('}');
    }
    s.append(",\"perSecond\":[");
    for (int i = 0; i < perSecond.size(); i++) {
      s.append(i == 0 ? "" : ",").append(perSecond.get(i));
    }
    s.append("],\"error\":").append(failure == null ? "null" : quote(failure))
        .append(",\"interrupted\":").append(interrupted)
        .append('}');
    return s.toString();
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20) {
            q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
