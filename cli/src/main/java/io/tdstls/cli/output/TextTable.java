package io.tdstls.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain text table with left-aligned columns, a header and a rule. Cells may be painted (for
 * example by {@link Style}); padding stays outside the paint, so colour never breaks alignment.
 */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<List<UnaryOperator<String>>> paints = new ArrayList<>();

  /**
   * Creates a table with the given column names.
   *
   * @param header the column names
   */
  public TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /**
   * Adds a row without colour.
   *
   * @param cells one cell per column
   * @return this table
   * @throws IllegalArgumentException if the number of cells is not the number of columns
   */
  public TextTable add(List<String> cells) {
    List<UnaryOperator<String>> none = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      none.add(UnaryOperator.identity());
    }
    return add(cells, none);
  }

  /**
   * Adds a row whose cells are painted after padding.
   *
   * @param cells one cell per column
   * @param paint one paint per column
   * @return this table
   * @throws IllegalArgumentException if a list's size is not the number of columns
   */
  public TextTable add(List<String> cells, List<UnaryOperator<String>> paint) {
    if (cells.size() != header.size() || paint.size() != header.size()) {
      throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.size());
    }
    rows.add(List.copyOf(cells));
    paints.add(List.copyOf(paint));
    return this;
  }

  /**
   * Formats the table: header, rule, one line per row, each line ending in a newline.
   *
   * @return the text
   */
  public String format() {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, null, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    line(out, rule, null, width);
    for (int r = 0; r < rows.size(); r++) {
      line(out, rows.get(r), paints.get(r), width);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, List<UnaryOperator<String>> paint, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean last = c == cells.size() - 1;
      String painted = paint == null || cell.isEmpty() ? cell : paint.get(c).apply(cell);
      line.append(c == 0 ? "" : "  ").append(painted).append(last ? "" : " ".repeat(width[c] - cell.length()));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
