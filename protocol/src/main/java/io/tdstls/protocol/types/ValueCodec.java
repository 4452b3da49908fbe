package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;

/**
 * Decodes and encodes column values ([MS-TDS] 2.2.5.2, 2.2.5.5), in ROW and NBCROW tokens.
 *
 * <p>Java types, one per TDS type (see each {@link TdsType} constant): tinyint and smallint give
 * {@link Short}, int {@link Integer}, bigint {@link Long}; bit {@link Boolean}; real {@link Float}
 * and float {@link Double}; decimal, numeric, money and smallmoney {@link java.math.BigDecimal};
 * char, varchar, text, nchar, nvarchar, ntext and xml {@link String}; binary, varbinary and image
 * {@code byte[]};
 * uniqueidentifier {@link java.util.UUID} (from its mixed-endian wire form); date {@link
 * java.time.LocalDate}; time {@link java.time.LocalTime}; datetime, smalldatetime and datetime2
 * {@link java.time.LocalDateTime}; datetimeoffset {@link java.time.OffsetDateTime}; NULL {@code
 * null}. The (max) types, sent as PLP chunks, decode to the same Java types.
 *
 * <pre>{@code
 * TypeInfo t = TypeInfo.of(TdsType.INTN, 4);
 * WireWriter w = new WireWriter();
 * ValueCodec.encode(t, 42, w);                                     // 04 2A 00 00 00
 * Object v = ValueCodec.decode(t, new WireReader("ROW", w.toByteArray())); // 42
 * }</pre>
 */
public final class ValueCodec {

  private ValueCodec() {}

  /**
   * Reads one value.
   *
   * @param type the column's TYPE_INFO
   * @param r the reader, positioned at the value
   * @return the Java value, or {@code null} for NULL
   * @throws TdsProtocolException if the value is truncated or malformed (a bad length, a time past
   *     midnight, an offset beyond 14 hours, a PLP length that does not add up...)
   */
  public static Object decode(TypeInfo type, WireReader r) throws TdsProtocolException {
    return ValueDecoder.decode(type, r);
  }

  /**
   * Reads one RPC parameter value ([MS-TDS] 2.2.6.6): like {@link #decode}, except that text,
   * ntext and image values are sent without a text pointer (a 4-byte length, then the bytes), as
   * FreeTDS does for the statement of {@code sp_executesql} and {@code sp_prepexec}.
   *
   * @param type the parameter's TYPE_INFO
   * @param r the reader, positioned at the value
   * @return the Java value, or {@code null} for NULL
   * @throws TdsProtocolException if the value is truncated or malformed
   */
  public static Object decodeParameter(TypeInfo type, WireReader r) throws TdsProtocolException {
    return ValueDecoder.parameter(type, r);
  }

  /**
   * Writes one value.
   *
   * @param type the column's TYPE_INFO
   * @param value the Java value (see the class documentation), or {@code null}
   * @param w the writer
   * @throws IllegalArgumentException if the value's Java type does not suit the column, or the value
   *     does not fit (too long, out of range, too many decimal places, null in a fixed-length
   *     column)
   */
  public static void encode(TypeInfo type, Object value, WireWriter w) {
    ValueEncoder.encode(type, value, w);
  }
}
