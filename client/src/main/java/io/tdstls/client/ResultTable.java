package io.tdstls.client;

import io.tdstls.protocol.token.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One result set: its columns and rows.
 *
 * @param columns the columns, with their names and TDS types
 * @param rows the rows; each value is the Java value of its column's type, or {@code null}
 */
public record ResultTable(List<Column> columns, List<List<Object>> rows) {

  /**
   * Copies the lists.
   *
   * @param columns see the record component
   * @param rows see the record component
   */
  public ResultTable {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> r : rows) {
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = List.copyOf(copy);
  }

  /**
   * Returns the column names.
   *
   * @return the names, in order
   */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>();
    for (Column c : columns) {
      names.add(c.name());
    }
    return names;
  }

  /**
   * Formats the table as text, with a header line, a rule, and one line per row.
   *
   * @return the table
   */
  public String format() {
    int n = columns.size();
    String[][] cells = new String[rows.size() + 1][n];
    int[] width = new int[n];
    for (int c = 0; c < n; c++) {
      cells[0][c] = columns.get(c).name();
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < n; c++) {
        cells[r + 1][c] = text(rows.get(r).get(c));
      }
    }
    for (String[] line : cells) {
      for (int c = 0; c < n; c++) {
        width[c] = Math.max(width[c], line[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < cells.length; r++) {
      for (int c = 0; c < n; c++) {
        out.append(c == 0 ? "" : "  ").append(String.format("%-" + Math.max(1, width[c]) + "s", cells[r][c]));
      }
      out.append('\n');
      if (r == 0) {
        for (int c = 0; c < n; c++) {
          out.append(c == 0 ? "" : "  ").append("-".repeat(Math.max(1, width[c])));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Formats a value as the table shows it.
   *
   * @param value a column value
   * @return its text; {@code NULL} for null, hex for bytes
   */
  public static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[]) {
      return "0x" + java.util.HexFormat.of().withUpperCase().formatHex((byte[]) value);
    }
    return value instanceof Object[] ? Arrays.toString((Object[]) value) : value.toString();
  }
}
