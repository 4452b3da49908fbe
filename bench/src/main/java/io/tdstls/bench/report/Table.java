package io.tdstls.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One table of results: a title, column headers, rows of text, and notes printed under it. */
public final class Table {

  private final String title;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * Creates an empty table.
   *
   * @param title the heading
   * @param headers the column headers
   */
  public Table(String title, String... headers) {
    this.title = Objects.requireNonNull(title, "title");
    this.headers = List.of(headers);
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   * @return this table
   * @throws IllegalArgumentException if the cell count differs from the column count
   */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  /**
   * Adds a note shown under the table.
   *
   * @param note one line of text
   * @return this table
   */
  public Table note(String note) {
    notes.add(note);
    return this;
  }

  /**
   * Returns the heading.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Returns the column headers.
   *
   * @return the headers
   */
  public List<String> headers() {
    return headers;
  }

  /**
   * Returns the cells of one column.
   *
   * @param header the column's header
   * @return the cells, one per row
   * @throws IllegalArgumentException if no column has that header
   */
  public List<String> column(String header) {
    int i = headers.indexOf(header);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + header + "' in " + headers);
    }
    List<String> cells = new ArrayList<>();
    for (List<String> r : rows) {
      cells.add(r.get(i));
    }
    return cells;
  }

  /**
   * Returns the rows added so far.
   *
   * @return the rows, each one cell per column
   */
  public List<List<String>> rows() {
    return List.copyOf(rows);
  }

  /**
   * Renders the table for a terminal, columns padded.
   *
   * @return the text, ending with a newline
   */
  public String toText() {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = headers.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder("== ").append(title).append(" ==\n");
    line(b, headers, width);
    StringBuilder rule = new StringBuilder();
    for (int w : width) {
      rule.append("-".repeat(w)).append("  ");
    }
    b.append(rule.toString().stripTrailing()).append('\n');
    for (List<String> r : rows) {
      line(b, r, width);
    }
    for (String n : notes) {
      b.append("  * ").append(n).append('\n');
    }
    return b.append('\n').toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      l.append(String.format("%-" + width[i] + "s  ", cells.get(i)));
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  /**
   * Renders the table as GitHub Markdown.
   *
   * @return the Markdown, ending with a blank line
   */
  public String toMarkdown() {
    StringBuilder b = new StringBuilder("### ").append(title).append("\n\n");
    b.append("| ").append(String.join(" | ", headers)).append(" |\n");
    b.append("|").append("---|".repeat(headers.size())).append('\n');
    for (List<String> r : rows) {
      b.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    if (!notes.isEmpty()) {
      b.append('\n');
      for (String n : notes) {
        b.append("- ").append(n).append('\n');
      }
    }
    return b.append('\n').toString();
  }
}
