package io.sandbench.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadChartTest {

  @Test
  void writesAValidPngOfTheAskedSizeWithBothSeriesDrawn(@TempDir Path dir) throws Exception {
    Random random = new Random(42);
    List<LoadChart.Point> points = new ArrayList<>();
    for (int i = 0; i <= 400; i++) {
      double t = i * 0.1;
      double cpu = t < 2 ? 80 : t < 15 ? 1 : t < 35 ? 15 + random.nextDouble() * 3 : 1;
      long rss = (long) ((10 + (t > 15 && t < 35 ? 3 : 0)) * 1024 * 1024);
      points.add(new LoadChart.Point(t, cpu, rss));
    }
    List<LoadChart.Phase> phases =
        List.of(
            new LoadChart.Phase("startup", 0, 2),
            new LoadChart.Phase("idle", 2, 15),
            new LoadChart.Phase("load", 15, 35),
            new LoadChart.Phase("after", 35, 40));
    Path png = dir.resolve("chart.png");
    LoadChart.write(png, "native webd", points, phases, 900, 500);

    byte[] head = Files.readAllBytes(png);
    assertEquals((byte) 0x89, head[0]);
    assertEquals('P', head[1]);
    assertEquals('N', head[2]);
    assertEquals('G', head[3]);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(500, img.getHeight());
    assertTrue(near(img, LoadChart.CPU_COLOR) > 300, "CPU line pixels " + near(img, LoadChart.CPU_COLOR));
    assertTrue(near(img, LoadChart.RSS_COLOR) > 300, "RSS line pixels " + near(img, LoadChart.RSS_COLOR));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void anEmptySeriesStillDraws(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("empty.png");
    LoadChart.write(png, "nothing", List.of(), List.of(), 320, 200);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(320, img.getWidth());
  }

  /** Pixels within a small distance of the colour (antialiasing blends the edges of lines). */
  private static int near(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int dr = ((rgb >> 16) & 0xFF) - c.getRed();
        int dg = ((rgb >> 8) & 0xFF) - c.getGreen();
        int db = (rgb & 0xFF) - c.getBlue();
        if (dr * dr + dg * dg + db * db < 30 * 30) {
          n++;
        }
      }
    }
    return n;
  }
}
