package io.sandbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG, no script needed: series of points with optional error bars (the
 * 95 % CI), a linear or log₂ x axis, "nice" ticks, shaded x ranges (e.g. the phases of a load
 * timeline), a legend, and a {@code <title>} on every point so hovering shows its value.
 */
public final class SvgChart {
  /** A point; {@code low}/{@code high} NaN when it has no error bar. */
  public record Point(double x, double y, double low, double high, String label) {
    public static Point of(double x, double y) {
      return new Point(x, y, Double.NaN, Double.NaN, null);
    }
  }

  public record Series(String name, List<Point> points) {}

  /** A shaded range of x, named (e.g. "load"). */
  public record Band(String name, double from, double to) {}

  static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };

  private static final int W = 660;
  private static final int H = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 36;
  private static final int BOTTOM = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean lines = true;
  private final List<Series> series = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();

  public SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public SvgChart logX() {
    this.logX = true;
    return this;
  }

  public SvgChart series(Series s) {
    if (!s.points().isEmpty()) {
      series.add(s);
    }
    return this;
  }

  public SvgChart band(Band b) {
    bands.add(b);
    return this;
  }

  public boolean isEmpty() {
    return series.isEmpty();
  }

  public String render() {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMax = 0;
    double highMax = 0;
    for (Series s : series) {
      for (Point p : s.points()) {
        xMin = Math.min(xMin, p.x());
        xMax = Math.max(xMax, p.x());
        yMax = Math.max(yMax, p.y());
        highMax = Math.max(highMax, Double.isNaN(p.high()) ? p.y() : p.high());
      }
    }
    // A CI from two samples can be ten times the mean: clip such bars rather than flatten the data.
    yMax = Math.min(highMax, 2 * yMax);
    for (Band b : bands) {
      xMin = Math.min(xMin, b.from());
      xMax = Math.max(xMax, b.to());
    }
    if (!Double.isFinite(xMin)) {
      xMin = 0;
      xMax = 1;
    }
    if (logX) {
      xMin = Math.max(xMin, 1e-9);
    }
    if (xMax <= xMin) {
      xMax = xMin + (logX ? xMin : 1);
    }
    double[] yTicks = ticks(0, yMax <= 0 ? 1 : yMax);
    double yTop = yTicks[yTicks.length - 1];
    final double x0 = xMin;
    final double x1 = xMax;
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator sx = logX
        ? x -> LEFT + pw * (log2(x) - log2(x0)) / Math.max(1e-12, log2(x1) - log2(x0))
        : x -> LEFT + pw * (x - x0) / (x1 - x0);
    java.util.function.DoubleUnaryOperator sy = y -> TOP + ph - ph * y / yTop;

    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(W).append(' ').append(H).append("\" width=\"").append(W).append("\" height=\"")
        .append(H).append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">");
    b.append("<text x=\"").append(W / 2 - RIGHT / 2).append("\" y=\"20\" class=\"title\">")
        .append(Html.esc(title)).append("</text>");
    int bandIndex = 0;
    for (Band band : bands) {
      double a = sx.applyAsDouble(band.from());
      double z = sx.applyAsDouble(band.to());
      b.append("<rect class=\"band\" x=\"").append(f(a)).append("\" y=\"").append(TOP)
          .append("\" width=\"").append(f(Math.max(0.5, z - a))).append("\" height=\"").append(ph)
          .append("\" fill=\"").append(bandIndex++ % 2 == 0 ? "#f2f2f2" : "#e6eef7")
          .append("\"><title>").append(Html.esc(band.name())).append("</title></rect>");
      b.append("<text class=\"band-label\" x=\"").append(f(a + 3)).append("\" y=\"")
          .append(TOP + 12).append("\">").append(Html.esc(band.name())).append("</text>");
    }
    // axes and grid
    for (double t : yTicks) {
      double y = sy.applyAsDouble(t);
      b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + pw)
          .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      b.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\">").append(num(t)).append("</text>");
    }
    for (double t : logX ? log2Ticks(x0, x1) : ticks(x0, x1)) {
      if (t < x0 - 1e-12 || t > x1 + 1e-12) {
        continue;
      }
      double x = sx.applyAsDouble(t);
      b.append("<line class=\"axis\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
          .append("\" y1=\"").append(TOP + ph).append("\" y2=\"").append(TOP + ph + 5)
          .append("\"/>");
      b.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(TOP + ph + 18)
          .append("\" text-anchor=\"middle\">").append(num(t)).append("</text>");
    }
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + pw)
        .append("\" y1=\"").append(TOP + ph).append("\" y2=\"").append(TOP + ph).append("\"/>");
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT)
        .append("\" y1=\"").append(TOP).append("\" y2=\"").append(TOP + ph).append("\"/>");
    b.append("<text class=\"label\" x=\"").append(LEFT + pw / 2).append("\" y=\"").append(H - 10)
        .append("\" text-anchor=\"middle\">").append(Html.esc(xLabel))
        .append(logX ? " (log scale)" : "").append("</text>");
    b.append("<text class=\"label\" transform=\"translate(16,").append(TOP + ph / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.esc(yLabel))
        .append("</text>");
    // series
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String color = COLORS[i % COLORS.length];
      b.append("<g class=\"series\" data-series=\"").append(Html.esc(s.name())).append("\">");
      if (lines && s.points().size() > 1) {
        b.append("<polyline fill=\"none\" stroke=\"").append(color)
            .append("\" stroke-width=\"2\" points=\"");
        for (Point p : s.points()) {
          b.append(f(sx.applyAsDouble(p.x()))).append(',').append(f(sy.applyAsDouble(p.y())))
              .append(' ');
        }
        b.append("\"/>");
      }
      boolean dots = s.points().size() <= 60;
      for (Point p : s.points()) {
        double x = sx.applyAsDouble(p.x());
        double y = sy.applyAsDouble(p.y());
        if (!Double.isNaN(p.low()) && !Double.isNaN(p.high())) {
          boolean clipped = p.high() > yTop;
          double yl = sy.applyAsDouble(Math.max(0, p.low()));
          double yh = sy.applyAsDouble(Math.min(p.high(), yTop));
          b.append("<path class=\"ci\" stroke=\"").append(color).append("\" d=\"M")
              .append(f(x)).append(',').append(f(yl)).append("V").append(f(yh)).append("M")
              .append(f(x - 4)).append(',').append(f(yl)).append("h8")
              .append(clipped ? "" : "M" + f(x - 4) + "," + f(yh) + "h8")
              .append("\">").append(clipped ? "<title>CI clipped: up to " + num(p.high()) + "</title>" : "")
              .append("</path>");
        }
        if (dots) {
          b.append("<circle class=\"mark\" cx=\"").append(f(x)).append("\" cy=\"").append(f(y))
              .append("\" r=\"3.5\" fill=\"").append(color).append("\"><title>")
              .append(Html.esc(s.name())).append(": ")
              .append(Html.esc(p.label() != null ? p.label() : num(p.x()) + " → " + num(p.y())))
              .append("</title></circle>");
        }
      }
      b.append("</g>");
      int ly = TOP + 8 + i * 18;
      b.append("<rect x=\"").append(W - RIGHT + 14).append("\" y=\"").append(ly - 8)
          .append("\" width=\"12\" height=\"12\" fill=\"").append(color).append("\"/>");
      b.append("<text class=\"legend\" x=\"").append(W - RIGHT + 32).append("\" y=\"")
          .append(ly + 2).append("\">").append(Html.esc(s.name())).append("</text>");
    }
    b.append("</svg>");
    return b.toString();
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }

  /** About five round ticks from lo to at least hi: steps of 1, 2 or 5 × 10^k. */
  static double[] ticks(double lo, double hi) {
    double span = hi - lo;
    double raw = span / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
    double start = Math.floor(lo / step) * step;
    List<Double> out = new ArrayList<>();
    for (double t = start; t < hi + step * 0.999; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
      if (out.size() > 12) {
        break;
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] log2Ticks(double lo, double hi) {
    List<Double> out = new ArrayList<>();
    for (double t = Math.pow(2, Math.floor(log2(lo))); t <= hi * 1.0001; t *= 2) {
      out.add(t);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : Math.abs(v) >= 0.1 ? "%.2f" : "%.3f", v);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
