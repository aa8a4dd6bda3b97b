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
    Map<String, Long> latencyMicros) {

  public WebcResult {
    latencyMicros = Map.copyOf(latencyMicros);
  }

  /** Parses webc's {@code --json} line. */
  static WebcResult parse(String jsonLine) {
    try {
      JsonNode n = new ObjectMapper().readTree(jsonLine);
      Map<String, Long> latency = new LinkedHashMap<>();
      JsonNode l = n.path("latencyMicros");
      l.fieldNames().forEachRemaining(k -> latency.put(k, l.get(k).asLong()));
      return new WebcResult(
          n.path("requests").asLong(),
          n.path("errors").asLong(),
          n.path("durationMs").asLong(),
          n.path("throughput").asDouble(),
          latency);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("webc printed no JSON result: " + jsonLine, e);
    }
  }
}
