package io.tdstls.protocol.token;

import java.util.List;

/**
 * ORDER ([MS-TDS] 2.2.7.17): the columns of the ORDER BY clause, by 1-based column number.
 *
 * @param columnNumbers the column numbers (copied), each 0..65535
 */
public record Order(List<Integer> columnNumbers) implements Token {

  /**
   * Copies.
   *
   * @param columnNumbers the column numbers
   */
  public Order {
    columnNumbers = List.copyOf(columnNumbers);
  }

  @Override
  public TokenType type() {
    return TokenType.ORDER;
  }
}
