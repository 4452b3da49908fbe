package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;
import java.util.Objects;

/**
 * A TYPE_INFO ([MS-TDS] 2.2.5.6): a data type with its maximum length, precision, scale and
 * collation, as found in COLMETADATA.
 *
 * <pre>{@code
 * TypeInfo id = TypeInfo.of(TdsType.INTN, 4);                 // int NULL
 * TypeInfo name = TypeInfo.text(TdsType.NVARCHAR, 100, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
 * TypeInfo blob = TypeInfo.of(TdsType.BIGVARBIN, TypeInfo.MAX); // varbinary(max), PLP
 * TypeInfo price = TypeInfo.decimal(TdsType.DECIMALN, 10, 2);
 * TypeInfo at = TypeInfo.scaled(TdsType.DATETIME2N, 7);
 * }</pre>
 *
 * @param type the data type
 * @param maxLength the maximum value length in bytes ({@link #MAX} for PLP types); for fixed types
 *     their fixed length; for decimal/numeric the value size implied by the precision
 * @param precision the precision of decimal/numeric (1..38), else 0
 * @param scale the scale of decimal/numeric (0..precision) and of time types (0..7), else 0
 * @param collation the collation of char/varchar/nchar/nvarchar, else {@code null}
 */
public record TypeInfo(TdsType type, int maxLength, int precision, int scale, Collation collation) {

  /** The maximum length that marks varchar(max), nvarchar(max), varbinary(max) as PLP. */
  public static final int MAX = 0xFFFF;

  /**
   * Validates the combination.
   *
   * @param type the data type
   * @param maxLength the maximum value length in bytes
   * @param precision the precision of decimal/numeric, else 0
   * @param scale the scale, else 0
   * @param collation the collation of text types, else {@code null}
   * @throws IllegalArgumentException if a value does not suit the type
   */
  public TypeInfo {
    Objects.requireNonNull(type, "type");
    if (type.hasCollation() != (collation != null)) {
      throw new IllegalArgumentException(type + (type.hasCollation() ? " needs" : " takes no")
          + " collation");
    }
    if (type.hasPrecision() && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException("decimal precision " + precision + " and scale " + scale
          + " must satisfy 1 <= precision <= 38 and 0 <= scale <= precision");
    }
    if (type.format() == TdsType.Format.SCALED && (scale < 0 || scale > 7)) {
      throw new IllegalArgumentException(type + " scale " + scale + " is outside 0..7");
    }
    int limit = type.format() == TdsType.Format.BYTE_LEN ? 0xFF
        : type.format() == TdsType.Format.LONG_LEN ? Integer.MAX_VALUE : 0xFFFF;
    if (maxLength < 0 || maxLength > limit) {
      throw new IllegalArgumentException(type + " maximum length " + maxLength + " is out of range");
    }
  }

  /**
   * Returns the TYPE_INFO of a fixed type, or of a variable type with a maximum length.
   *
   * @param type any type without collation, precision or scale
   * @param maxLength the maximum length (ignored for fixed types)
   * @return the type info
   */
  public static TypeInfo of(TdsType type, int maxLength) {
    int len = type.format() == TdsType.Format.FIXED ? type.fixedLength() : maxLength;
    return new TypeInfo(type, len, 0, 0, null);
  }

  /**
   * Returns the TYPE_INFO of a fixed-length type, or of date, or of xml.
   *
   * @param type the type
   * @return the type info
   */
  public static TypeInfo of(TdsType type) {
    return of(type, type == TdsType.XML ? MAX : type.format() == TdsType.Format.DATE ? 3 : 0);
  }

  /**
   * Returns the TYPE_INFO of a text type.
   *
   * @param type BIGVARCHR, BIGCHAR, NVARCHAR, NCHAR, TEXT or NTEXT
   * @param maxLength the maximum length in bytes, or {@link #MAX}
   * @param collation the collation
   * @return the type info
   */
  public static TypeInfo text(TdsType type, int maxLength, Collation collation) {
    return new TypeInfo(type, maxLength, 0, 0, Objects.requireNonNull(collation, "collation"));
  }

  /**
   * Returns the TYPE_INFO of a decimal or numeric type; the maximum length follows the precision.
   *
   * @param type DECIMALN, NUMERICN, DECIMAL or NUMERIC
   * @param precision 1..38
   * @param scale 0..precision
   * @return the type info
   */
  public static TypeInfo decimal(TdsType type, int precision, int scale) {
    return new TypeInfo(type, decimalLength(precision), precision, scale, null);
  }

  /**
   * Returns the TYPE_INFO of time, datetime2 or datetimeoffset.
   *
   * @param type TIMEN, DATETIME2N or DATETIMEOFFSETN
   * @param scale fractional second digits, 0..7
   * @return the type info
   */
  public static TypeInfo scaled(TdsType type, int scale) {
    return new TypeInfo(type, Temporals.valueLength(type, scale), 0, scale, null);
  }

  /**
   * Tells whether values are sent as PLP chunks (the (max) types and xml).
   *
   * @return whether the value is partially length-prefixed
   */
  public boolean isPlp() {
    return type == TdsType.XML
        || (type.format() == TdsType.Format.USHORT_LEN && maxLength == MAX);
  }

  /**
   * Reads a TYPE_INFO.
   *
   * @param r the reader, positioned at the type byte
   * @return the type info
   * @throws TdsProtocolException if the type is unknown or unsupported, or a field is malformed
   */
  public static TypeInfo decode(WireReader r) throws TdsProtocolException {
    int at = r.position();
    TdsType type = TdsType.fromCode(r.u8("data type"), r.structure(), at);
    switch (type.format()) {
      case FIXED:
        return of(type, 0);
      case DATE:
        return of(type);
      case SCALED: {
        int scale = r.u8(type + " scale");
        if (scale > 7) {
          throw r.error(type + " scale " + scale + " is outside 0..7", at + 1);
        }
        return scaled(type, scale);
      }
      case BYTE_LEN: {
        int len = r.u8(type + " length");
        if (type.hasPrecision()) {
          int precision = r.u8(type + " precision");
          int scale = r.u8(type + " scale");
          if (precision < 1 || precision > 38 || scale > precision) {
            throw r.error(type + " precision " + precision + " / scale " + scale + " out of range", at + 2);
          }
          return new TypeInfo(type, len, precision, scale, null);
        }
        return of(type, len);
      }
      case USHORT_LEN: {
        int len = r.u16(type + " length");
        return type.hasCollation() ? text(type, len, Collation.decode(r)) : of(type, len);
      }
      case LONG_LEN: {
        long len = r.u32(type + " length");
        if (len > Integer.MAX_VALUE) {
          throw r.error(type + " maximum length " + len + " exceeds 2^31-1", at + 1);
        }
        return type.hasCollation() ? text(type, (int) len, Collation.decode(r)) : of(type, (int) len);
      }
      case XML:
        if (r.u8("xml schema present") == 1) {
          r.bVarchar("xml schema database");
          r.bVarchar("xml schema owner");
          r.usVarchar("xml schema collection");
        }
        return of(TdsType.XML);
      default:
        throw r.error("data type " + type + " is not supported by this decoder", at);
    }
  }

  /**
   * Writes this TYPE_INFO.
   *
   * @param w the writer
   * @throws IllegalArgumentException for the unsupported types
   */
  public void encode(WireWriter w) {
    w.u8(type.code());
    switch (type.format()) {
      case FIXED:
      case DATE:
        return;
      case SCALED:
        w.u8(scale);
        return;
      case BYTE_LEN:
        w.u8(maxLength);
        if (type.hasPrecision()) {
          w.u8(precision).u8(scale);
        }
        return;
      case USHORT_LEN:
        w.u16(maxLength);
        if (collation != null) {
          collation.encode(w);
        }
        return;
      case LONG_LEN:
        w.i32(maxLength);
        if (collation != null) {
          collation.encode(w);
        }
        return;
      case XML:
        w.u8(0);
        return;
      default:
        throw new IllegalArgumentException("data type " + type + " is not supported");
    }
  }

  /**
   * Returns the value size of a decimal of a precision ([MS-TDS] 2.2.5.5.1.3).
   *
   * @param precision 1..38
   * @return 5, 9, 13 or 17
   */
  public static int decimalLength(int precision) {
    return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
  }
}
