package io.sandbench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** What webc reported on its last line: requests, errors, throughput and latency percentiles. */
public record WebcResult(
    long requests,
    long errors,
    long durationMillis,
    double throughputPerSecond,
    Map<String, Double> latencyMicros) {

  public WebcResult {
    latencyMicros = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latencyMicros));
  }

  /** Parses webc's {@code --json} line. */
  static WebcResult parse(String jsonLine) {
    try {
      JsonNode n = new ObjectMapper().readTree(jsonLine);
      Map<String, Double> latency = new LinkedHashMap<>();
      JsonNode l = n.path("latencyMicros");
      l.fieldNames().forEachRemaining(k -> latency.put(k, l.get(k).asDouble()));
      return new WebcResult(
          n.path("requests").asLong(),
          n.path("errors").asLong(),
          Math.round(n.path("durationMs").asDouble()),
          n.path("throughput").asDouble(),
          latency);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("webc printed no JSON result: " + jsonLine, e);
    }
  }
}
