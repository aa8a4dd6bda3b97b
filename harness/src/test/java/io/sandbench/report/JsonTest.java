package io.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.host.Host;
import io.sandbench.result.RunInfo;
import io.sandbench.stats.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Sample(String name, Instant at, Duration took, Optional<String> note, Optional<Integer> none) {}

  @Test
  void runInfoWithHostAndInstantRoundTrips() {
    RunInfo info =
        new RunInfo(
            "sandbench dev",
            "r-1",
            "startup",
            Instant.parse("2026-11-26T21:48:07.123456Z"),
            Host.detect(),
            Map.of("iterations", 10, "stagger", "0ms"),
            Map.of("network", "host"));
    String text = Json.write(info);
    assertTrue(text.contains("\"startedAt\" : \"2026-11-26T21:48:07.123456Z\""), text);
    assertEquals(info, Json.read(text, RunInfo.class));
  }

  @Test
  void writeFileWritesWhatReadParses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Summary s = Summary.of(new double[] {1, 2, 3, 4});
    java.nio.file.Path f = dir.resolve("summary.json");
    Json.writeFile(f, s);
    assertEquals(s, Json.read(java.nio.file.Files.readString(f), Summary.class));
  }

  @Test
  void optionalAndDurationAreReadable() {
    Sample s = new Sample("a", Instant.EPOCH, Duration.ofMillis(1500), Optional.of("n"), Optional.empty());
    String text = Json.write(s);
    assertTrue(text.contains("\"took\" : \"PT1.5S\""), text);
    assertTrue(text.contains("\"note\" : \"n\""), text);
    assertTrue(text.contains("\"none\" : null"), text);
    assertEquals(s, Json.read(text, Sample.class));
  }

  @Test
  void undefinedStatisticsSurviveTheRoundTrip() {
    Summary one = Summary.of(new double[] {3});
    Summary back = Json.read(Json.write(one), Summary.class);
    assertTrue(Double.isNaN(back.stddev()));
    assertEquals(3, back.mean());
  }

  @Test
  void badJsonIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"n\": ", Summary.class));
    assertTrue(e.getMessage().startsWith("not valid JSON for Summary"), e.getMessage());
  }
}
