package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.measure.TestPorts;
import io.sandbench.report.CsvTable;
import io.sandbench.report.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sandbench monitor end to end: native webd, real webc, the three files written. */
class MonitorCommandTest {
  @TempDir Path dir;

  @Test
  void writesSamplesChartAndSummary() throws Exception {
    Path out = dir.resolve("out");
    int code =
        Main.run("monitor", "--workload", "webd", "--base-port", Integer.toString(TestPorts.base()),
            "--interval", "100ms", "--idle", "1s", "--load", "2s", "--after", "1s",
            "--chart-size", "800x400", "--out", out.toString());
    assertEquals(0, code);
    try (var files = Files.list(out)) {
      assertEquals(List.of("chart.png", "samples.csv", "summary.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "exactly the three files, no temporaries");
    }
    BufferedImage png = ImageIO.read(out.resolve("chart.png").toFile());
    assertEquals(800, png.getWidth());
    assertEquals(400, png.getHeight());

    List<List<String>> rows = CsvTable.parse(Files.readString(out.resolve("samples.csv")));
    assertEquals(List.of("seconds", "phase", "cpu_percent", "rss_bytes", "processes"), rows.get(0));
    assertTrue(rows.size() > 20, "samples every 100 ms over about 4 s: " + rows.size());
    assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("load")));

    JsonNode summary = Json.mapper().readTree(Files.readString(out.resolve("summary.json")));
    assertTrue(summary.at("/summary/load/requests").asLong() > 10, summary.toString());
    assertEquals(0, summary.at("/summary/load/errors").asLong());
    assertTrue(summary.at("/summary/rssPeakBytes").asLong() > 0);
    assertEquals("monitor", summary.at("/info/experiment").asText());
    assertTrue(summary.at("/info/host/cores").asInt() > 0);
  }
}
