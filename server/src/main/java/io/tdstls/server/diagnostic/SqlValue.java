package io.tdstls.server.diagnostic;

import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;

/**
 * A typed scalar: what an expression, a function or a bound parameter gives.
 *
 * @param type the TDS type it is sent with
 * @param value the value, in the Java type of {@link io.tdstls.protocol.types.ValueCodec}, or null
 */
record SqlValue(TypeInfo type, Object value) {

  static final TypeInfo TINYINT = TypeInfo.of(TdsType.INTN, 1);
  static final TypeInfo SMALLINT = TypeInfo.of(TdsType.INTN, 2);
  static final TypeInfo INT = TypeInfo.of(TdsType.INTN, 4);
  static final TypeInfo BIGINT = TypeInfo.of(TdsType.INTN, 8);
  static final TypeInfo BIT = TypeInfo.of(TdsType.BITN, 1);
  static final TypeInfo NVARCHAR_128 = nvarcharType(128);
  static final TypeInfo NVARCHAR_4000 = nvarcharType(4000);

  static TypeInfo nvarcharType(int chars) {
    return TypeInfo.text(TdsType.NVARCHAR, chars * 2, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
  }

  static SqlValue tinyint(int v) {
    return new SqlValue(TINYINT, (short) v);
  }

  static SqlValue smallint(int v) {
    return new SqlValue(SMALLINT, (short) v);
  }

  static SqlValue integer(Integer v) {
    return new SqlValue(INT, v);
  }

  static SqlValue bigint(long v) {
    return new SqlValue(BIGINT, v);
  }

  static SqlValue bit(boolean v) {
    return new SqlValue(BIT, v);
  }

  /** An nvarchar(128) (sysname), or NULL. */
  static SqlValue sysname(String v) {
    return new SqlValue(NVARCHAR_128, v);
  }

  /** An nvarchar as long as the text (at least 1), or NULL. */
  static SqlValue nvarchar(String v) {
    return new SqlValue(nvarcharType(Math.max(1, Math.min(4000, v == null ? 1 : v.length()))), v);
  }

  /** An nvarchar(4000), or NULL. */
  static SqlValue text(String v) {
    return new SqlValue(NVARCHAR_4000, v);
  }

  static SqlValue varbinary(byte[] v, int maxLength) {
    return new SqlValue(TypeInfo.of(TdsType.BIGVARBIN, maxLength), v);
  }

  boolean isNull() {
    return value == null;
  }

  /** The value as text, for comparisons and conversions; null for NULL. */
  String asText() {
    return value == null ? null : value.toString();
  }
}
