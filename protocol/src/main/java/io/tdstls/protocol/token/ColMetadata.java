package io.tdstls.protocol.token;

import java.util.List;

/**
 * COLMETADATA ([MS-TDS] 2.2.7.4): the columns of the ROW and NBCROW tokens that follow.
 * A count of 0xFFFF on the wire means "no metadata" ({@link #NO_METADATA}); an empty column list
 * is encoded that way.
 *
 * <pre>{@code
 * ColMetadata meta = new ColMetadata(List.of(
 *     Column.nullable("id", TypeInfo.of(TdsType.INTN, 4)),
 *     Column.nullable("name", TypeInfo.text(TdsType.NVARCHAR, 100, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS))));
 * }</pre>
 *
 * @param columns the columns (copied)
 */
public record ColMetadata(List<Column> columns) implements Token {

  /** The "no metadata" token (count 0xFFFF). */
  public static final ColMetadata NO_METADATA = new ColMetadata(List.of());

  /**
   * Copies.
   *
   * @param columns the columns, fewer than 0xFFFF
   * @throws IllegalArgumentException with 0xFFFF or more columns
   */
  public ColMetadata {
    columns = List.copyOf(columns);
    if (columns.size() >= 0xFFFF) {
      throw new IllegalArgumentException("COLMETADATA holds fewer than 65535 columns");
    }
  }

  @Override
  public TokenType type() {
    return TokenType.COLMETADATA;
  }
}
