package io.sandbench.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import io.sandbench.report.AtomicFile;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The monitor's chart: CPU % of the instance's process tree on the left axis, its RSS on the right
 * axis, over seconds since launch, with the phases (startup, idle, load, after) shaded and named.
 * Rendered headless to PNG.
 */
public final class LoadChart {
  /** The series colours (tests look for them in the image). */
  public static final Color CPU_COLOR = new Color(0xD6, 0x27, 0x28);

  public static final Color RSS_COLOR = new Color(0x1F, 0x77, 0xB4);

  private static final Color[] PHASE_TINTS = {
    new Color(0xEE, 0xEE, 0xEE), new Color(0xE6, 0xF2, 0xE6), new Color(0xFF, 0xF4, 0xD6),
  };

  /** One sample: seconds since launch, CPU percent of one core, RSS in bytes. */
  public record Point(double seconds, double cpuPercent, long rssBytes) {}

  /** A named stretch of time, in seconds since launch. */
  public record Phase(String name, double fromSeconds, double toSeconds) {}

  private LoadChart() {}

  static {
    // Charts are drawn with no display, also when the CLI runs on a desktop.
    System.setProperty("java.awt.headless", "true");
  }

  /** Writes the chart as a PNG of {@code width} x {@code height}; the file appears only complete. */
  public static void write(
      Path png, String title, List<Point> points, List<Phase> phases, int width, int height) {
    JFreeChart chart = build(title, points, phases);
    AtomicFile.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }

  static JFreeChart build(String title, List<Point> points, List<Phase> phases) {
    XYSeries cpu = new XYSeries("CPU % (one core = 100)");
    XYSeries rss = new XYSeries("RSS (MiB)");
    for (Point p : points) {
      cpu.add(p.seconds(), p.cpuPercent());
      rss.add(p.seconds(), p.rssBytes() / (1024.0 * 1024.0));
    }
    NumberAxis time = new NumberAxis("seconds since launch");
    time.setLowerMargin(0);
    time.setUpperMargin(0);
    NumberAxis cpuAxis = new NumberAxis("CPU %");
    cpuAxis.setAutoRangeIncludesZero(true);
    cpuAxis.setLabelPaint(CPU_COLOR);
    cpuAxis.setTickLabelPaint(CPU_COLOR);
    NumberAxis rssAxis = new NumberAxis("RSS (MiB)");
    rssAxis.setAutoRangeIncludesZero(true);
    rssAxis.setLabelPaint(RSS_COLOR);
    rssAxis.setTickLabelPaint(RSS_COLOR);

    XYPlot plot = new XYPlot(new XYSeriesCollection(cpu), time, cpuAxis, renderer(CPU_COLOR));
    plot.setRangeAxis(1, rssAxis);
    plot.setDataset(1, new XYSeriesCollection(rss));
    plot.setRenderer(1, renderer(RSS_COLOR));
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));

    for (int i = 0; i < phases.size(); i++) {
      Phase ph = phases.get(i);
      IntervalMarker m = new IntervalMarker(ph.fromSeconds(), ph.toSeconds());
      m.setPaint(PHASE_TINTS[i % PHASE_TINTS.length]);
      m.setLabel(ph.name());
      m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      // Every other label a line lower: a short phase (start-up) must not hide the next one's.
      m.setLabelOffset(new RectangleInsets(i % 2 == 0 ? 3 : 18, 3, 3, 3));
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYLineAndShapeRenderer renderer(Color color) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, color);
    r.setSeriesStroke(0, new BasicStroke(2f));
    return r;
  }
}
