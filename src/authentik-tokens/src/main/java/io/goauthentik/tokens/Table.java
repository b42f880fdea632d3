package io.goauthentik.tokens;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records as aligned text for people: columns picked by path ({@code user.username}), or one
 * record as a "name value" line per property. An absent value prints as {@code -}, a list as its
 * items separated by spaces, a boolean as {@code yes} or {@code no}.
 */
final class Table {
  /** One column: its heading and where its value is in a record (dots go into nested records). */
  static final class Column {
    final String heading;
    final String path;

    Column(String heading, String path) {
      this.heading = heading;
      this.path = path;
    }
  }

  private final List<Column> columns;
  private final List<String[]> rows = new ArrayList<>();

  Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** A table filled with {@link #addRow}: headings only, no paths. */
  static Table withHeadings(String... headings) {
    List<Column> columns = new ArrayList<>();
    for (String heading : headings) {
      columns.add(new Column(heading, heading));
    }
    return new Table(columns);
  }

  void add(Map<String, Object> record) {
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = text(at(record, columns.get(i).path));
    }
    rows.add(row);
  }

  /** One row of cells, as many as there are columns. */
  void addRow(String... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(cells.clone());
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the heading and the rows, each column as wide as its widest cell. */
  void print(PrintWriter out) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).heading.length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    out.println(line(columns.stream().map(column -> column.heading).toArray(String[]::new), widths));
    for (String[] row : rows) {
      out.println(line(row, widths));
    }
    out.flush();
  }

  /** Prints one record as a line per property, nested records flattened ({@code user.username}). */
  static void printRecord(PrintWriter out, Map<String, Object> record) {
    List<String[]> lines = new ArrayList<>();
    flatten("", record, lines);
    int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0);
    for (String[] line : lines) {
      out.println(line(line, new int[] {width, 0}));
    }
    out.flush();
  }

  private static void flatten(String prefix, Map<?, ?> record, List<String[]> lines) {
    for (Map.Entry<?, ?> entry : record.entrySet()) {
      String name = prefix + entry.getKey();
      if (entry.getValue() instanceof Map) {
        flatten(name + ".", (Map<?, ?>) entry.getValue(), lines);
      } else {
        lines.add(new String[] {name, text(entry.getValue())});
      }
    }
  }

  private static Object at(Map<?, ?> record, String path) {
    Object value = record;
    for (String name : path.split("\\.")) {
      if (!(value instanceof Map)) {
        return null;
      }
      value = ((Map<?, ?>) value).get(name);
    }
    return value;
  }

  private static String text(Object value) {
    String text;
    if (value == null) {
      text = "-";
    } else if (value instanceof Boolean) {
      text = (Boolean) value ? "yes" : "no";
    } else if (value instanceof Collection) {
      text = ((Collection<?>) value).stream().map(String::valueOf).collect(Collectors.joining(" "));
    } else {
      text = value.toString();
    }
    // A server's string must not break the table (or the terminal), nor pass for another.
    return text.isEmpty() ? "-" : Printable.of(text);
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells[i]);
      if (i < cells.length - 1) {
        line.append(" ".repeat(Math.max(0, widths[i] - cells[i].length())));
      }
    }
    return line.toString();
  }
}
