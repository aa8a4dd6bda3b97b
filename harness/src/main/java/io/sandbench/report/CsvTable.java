package io.sandbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as CSV (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * a double quote, CR or LF, with its double quotes doubled. {@link #parse} reads that back.
 */
public final class CsvTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public CsvTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /** Adds a row; values are written with {@link String#valueOf(Object)} (null as empty). */
  public CsvTable row(List<?> values) {
    if (values.size() != header.size()) {
      throw new IllegalArgumentException(
          "CSV row has " + values.size() + " values but the header has " + header.size() + " columns");
    }
    List<String> r = new ArrayList<>();
    for (Object v : values) {
      r.add(v == null ? "" : String.valueOf(v));
    }
    rows.add(r);
    return this;
  }

  public CsvTable row(Object... values) {
    return row(java.util.Arrays.asList(values));
  }

  /** The CSV text, header first, every line ending in CRLF. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    for (List<String> r : rows) {
      line(sb, r);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(fields.get(i)));
    }
    sb.append("\r\n");
  }

  /** One field, quoted only when it must be. */
  public static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /**
   * Parses RFC 4180 text (LF line ends accepted too) into rows of fields, header included.
   *
   * @throws IllegalArgumentException on an unterminated quoted field
   */
  public static List<List<String>> parse(String csv) {
    List<List<String>> out = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        out.add(row);
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("CSV ends inside a quoted field");
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      out.add(row);
    }
    return out;
  }
}
