package io.sandbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Horizontal stacked bars as inline SVG: one bar per runtime, one segment per part (e.g. the
 * memory of one instance by process), a shared colour per part name, a legend, and a
 * {@code <title>} on every segment.
 */
public final class SvgStackedBars {
  private static final int W = 660;
  private static final int LEFT = 110;
  private static final int RIGHT = 190;
  private static final int TOP = 36;
  private static final int BAR = 26;
  private static final int GAP = 12;

  private final String title;
  private final String unit;
  private final Map<String, Map<String, Double>> bars = new LinkedHashMap<>();

  public SvgStackedBars(String title, String unit) {
    this.title = title;
    this.unit = unit;
  }

  /** A bar: its parts in order, each with a non-negative value. */
  public SvgStackedBars bar(String name, Map<String, Double> parts) {
    if (!parts.isEmpty()) {
      bars.put(name, new LinkedHashMap<>(parts));
    }
    return this;
  }

  public boolean isEmpty() {
    return bars.isEmpty();
  }

  public String render() {
    Set<String> parts = new LinkedHashSet<>();
    double max = 0;
    for (Map<String, Double> b : bars.values()) {
      parts.addAll(b.keySet());
      max = Math.max(max, b.values().stream().mapToDouble(v -> Math.max(0, v)).sum());
    }
    List<String> partList = new ArrayList<>(parts);
    double[] ticks = SvgChart.ticks(0, max <= 0 ? 1 : max);
    double top = ticks[ticks.length - 1];
    int legendHeight = partList.size() * 18 + TOP + 10;
    int h = Math.max(TOP + bars.size() * (BAR + GAP) + 50, legendHeight);
    int pw = W - LEFT - RIGHT;
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W)
        .append(' ').append(h).append("\" width=\"").append(W).append("\" height=\"").append(h)
        .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">");
    b.append("<text x=\"").append(W / 2 - RIGHT / 2).append("\" y=\"20\" class=\"title\">")
        .append(Html.esc(title)).append("</text>");
    int axisY = TOP + bars.size() * (BAR + GAP);
    for (double t : ticks) {
      double x = LEFT + pw * t / top;
      b.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
          .append("\" y1=\"").append(TOP).append("\" y2=\"").append(axisY).append("\"/>");
      b.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(axisY + 16)
          .append("\" text-anchor=\"middle\">").append(SvgChart.num(t)).append("</text>");
    }
    b.append("<text class=\"label\" x=\"").append(LEFT + pw / 2).append("\" y=\"")
        .append(axisY + 36).append("\" text-anchor=\"middle\">").append(Html.esc(unit))
        .append("</text>");
    int row = 0;
    for (Map.Entry<String, Map<String, Double>> bar : bars.entrySet()) {
      int y = TOP + row++ * (BAR + GAP);
      b.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"")
          .append(y + BAR / 2 + 4).append("\" text-anchor=\"end\">").append(Html.esc(bar.getKey()))
          .append("</text><g class=\"series\" data-series=\"").append(Html.esc(bar.getKey()))
          .append("\">");
      double x = LEFT;
      for (Map.Entry<String, Double> part : bar.getValue().entrySet()) {
        double w = pw * Math.max(0, part.getValue()) / top;
        String color = SvgChart.COLORS[partList.indexOf(part.getKey()) % SvgChart.COLORS.length];
        b.append("<rect class=\"mark\" x=\"").append(f(x)).append("\" y=\"").append(y)
            .append("\" width=\"").append(f(Math.max(w, 0.5))).append("\" height=\"").append(BAR)
            .append("\" fill=\"").append(color).append("\"><title>").append(Html.esc(bar.getKey()))
            .append(", ").append(Html.esc(part.getKey())).append(": ")
            .append(String.format(Locale.ROOT, "%.1f %s", part.getValue(), unit))
            .append("</title></rect>");
        x += w;
      }
      b.append("</g>");
    }
    for (int i = 0; i < partList.size(); i++) {
      int ly = TOP + 8 + i * 18;
      b.append("<rect x=\"").append(W - RIGHT + 14).append("\" y=\"").append(ly - 8)
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(SvgChart.COLORS[i % SvgChart.COLORS.length]).append("\"/>");
      b.append("<text class=\"legend\" x=\"").append(W - RIGHT + 32).append("\" y=\"")
          .append(ly + 2).append("\">").append(Html.esc(partList.get(i))).append("</text>");
    }
    b.append("</svg>");
    return b.toString();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
