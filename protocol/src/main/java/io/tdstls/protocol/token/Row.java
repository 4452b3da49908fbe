package io.tdstls.protocol.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * ROW ([MS-TDS] 2.2.7.19) or NBCROW (2.2.7.15): one row of values, in the Java types of {@link
 * io.tdstls.protocol.types.ValueCodec}; {@code null} for NULL. NBCROW sends NULLs as a bitmap
 * instead of per-value markers; the decoded values are the same.
 *
 * @param type {@link TokenType#ROW} or {@link TokenType#NBCROW}
 * @param values the values (an unmodifiable copy that may contain {@code null})
 */
public record Row(TokenType type, List<Object> values) implements Token {

  /**
   * Validates and copies.
   *
   * @param type ROW or NBCROW
   * @param values the values, one per column
   * @throws IllegalArgumentException if the type is neither ROW nor NBCROW
   */
  public Row {
    if (type != TokenType.ROW && type != TokenType.NBCROW) {
      throw new IllegalArgumentException("a row is a ROW or an NBCROW, not " + type);
    }
    List<Object> copy = new ArrayList<>(values.size());
    for (Object v : values) {
      copy.add(v instanceof byte[] b ? b.clone() : v);
    }
    values = Collections.unmodifiableList(copy);
  }

  /**
   * Creates a ROW.
   *
   * @param values the values
   * @return the row
   */
  public static Row of(Object... values) {
    return new Row(TokenType.ROW, Arrays.asList(values));
  }

  /**
   * Creates an NBCROW.
   *
   * @param values the values
   * @return the row
   */
  public static Row nbc(Object... values) {
    return new Row(TokenType.NBCROW, Arrays.asList(values));
  }

  /** Compares values deeply, so that {@code byte[]} values compare by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && r.type == type
        && Arrays.deepEquals(r.values.toArray(), values.toArray());
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.deepHashCode(values.toArray());
  }
}
