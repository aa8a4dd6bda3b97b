package io.sandbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A GitHub-flavoured Markdown table with its columns padded to equal width, so it reads well as
 * plain text too. A column whose every cell is a number (optionally with ±, %, a unit or a range)
 * is right-aligned; "|" in a cell is escaped and line breaks become spaces.
 */
public final class MarkdownTable {
  // "12", "-3.5", "1,234", "12.3 ± 0.4 ms", "+5.1 %", "1.2e-3" — a number first, then anything.
  private static final Pattern NUMERIC = Pattern.compile("^[-+\\u2212]?[0-9][0-9,_]*(\\.[0-9]+)?([eE][+-]?[0-9]+)?(\\s*(±|%|[A-Za-zµ/%]+|\\.\\.).*)?$");

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public MarkdownTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  public MarkdownTable(String... header) {
    this(List.of(header));
  }

  /** Adds a row; values are shown with {@link String#valueOf(Object)} (null as empty). */
  public MarkdownTable row(List<?> values) {
    if (values.size() != header.size()) {
      throw new IllegalArgumentException(
          "table row has " + values.size() + " values but the header has " + header.size() + " columns");
    }
    List<String> r = new ArrayList<>();
    for (Object v : values) {
      r.add(cell(v == null ? "" : String.valueOf(v)));
    }
    rows.add(r);
    return this;
  }

  public MarkdownTable row(Object... values) {
    return row(java.util.Arrays.asList(values));
  }

  /** The table, one line per row, each ending in "\n". */
  public String render() {
    int cols = header.size();
    int[] width = new int[cols];
    boolean[] right = new boolean[cols];
    for (int c = 0; c < cols; c++) {
      width[c] = Math.max(3, header.get(c).length());
      boolean numeric = true;
      boolean anyValue = false;
      for (List<String> r : rows) {
        String v = r.get(c);
        width[c] = Math.max(width[c], v.length());
        numeric &= v.isEmpty() || NUMERIC.matcher(v).matches();
        anyValue |= !v.isEmpty();
      }
      right[c] = numeric && anyValue;
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header.stream().map(MarkdownTable::cell).toList(), width, right);
    sb.append('|');
    for (int c = 0; c < cols; c++) {
      sb.append(right[c] ? " " + "-".repeat(width[c] - 1) + ": |" : " " + "-".repeat(width[c]) + " |");
    }
    sb.append('\n');
    for (List<String> r : rows) {
      line(sb, r, width, right);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
    sb.append('|');
    for (int c = 0; c < cells.size(); c++) {
      String v = cells.get(c);
      String pad = " ".repeat(width[c] - v.length());
      sb.append(' ').append(right[c] ? pad + v : v + pad).append(" |");
    }
    sb.append('\n');
  }

  private static String cell(String v) {
    return v.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
  }
}
