package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Reads one column value of a TYPE_INFO ([MS-TDS] 2.2.5.2 data type dependent lengths). */
final class ValueDecoder {

  private static final long PLP_NULL = -1L;
  private static final long PLP_UNKNOWN_LENGTH = -2L;

  private ValueDecoder() {}

  static Object decode(TypeInfo t, WireReader r) throws TdsProtocolException {
    TdsType type = t.type();
    switch (type.format()) {
      case FIXED:
        return fixed(type, type.fixedLength(), r);
      case BYTE_LEN: {
        int at = r.position();
        int len = r.u8(type + " value length");
        return len == 0 ? null : byteLen(t, len, at, r);
      }
      case DATE: {
        int len = lengthOf(r, type, 3);
        return len == 0 ? null : Temporals.readDate(r);
      }
      case SCALED:
        return scaled(t, r);
      case USHORT_LEN:
        if (t.isPlp()) {
          byte[] b = plp(r);
          return b == null ? null : fromBytes(t, b, r);
        }
        int len = r.u16(type + " value length");
        return len == 0xFFFF ? null : fromBytes(t, r.bytes(len, type + " value"), r);
      case LONG_LEN: {
        int ptr = r.u8(type + " text pointer length");
        if (ptr == 0) {
          return null;
        }
        r.skip(ptr + 8L, type + " text pointer and timestamp");
        return fromBytes(t, r.bytes(r.u32(type + " value length"), type + " value"), r);
      }
      case XML: {
        byte[] b = plp(r);
        return b == null ? null : new String(b, StandardCharsets.UTF_16LE);
      }
      default:
        throw r.error("values of type " + type + " are not supported");
    }
  }

  /**
   * Reads an RPC parameter value ([MS-TDS] 2.2.6.6): as a column value, except that text, ntext
   * and image carry no text pointer, only a 4-byte length (0xFFFFFFFF for NULL).
   */
  static Object parameter(TypeInfo t, WireReader r) throws TdsProtocolException {
    if (t.type().format() != TdsType.Format.LONG_LEN) {
      return decode(t, r);
    }
    long length = r.u32(t.type() + " parameter length");
    return length == 0xFFFFFFFFL ? null : fromBytes(t, r.bytes(length, t.type() + " parameter value"), r);
  }

  private static int lengthOf(WireReader r, TdsType type, int expected) throws TdsProtocolException {
    int at = r.position();
    int len = r.u8(type + " value length");
    if (len != 0 && len != expected) {
      throw r.error(type + " value length " + len + ", expected 0 or " + expected, at);
    }
    return len;
  }

  private static Object scaled(TypeInfo t, WireReader r) throws TdsProtocolException {
    int len = lengthOf(r, t.type(), Temporals.valueLength(t.type(), t.scale()));
    if (len == 0) {
      return null;
    }
    switch (t.type()) {
      case TIMEN:
        return Temporals.readTime(r, t.scale());
      case DATETIME2N:
        return Temporals.readDateTime2(r, t.scale());
      default:
        return Temporals.readDateTimeOffset(r, t.scale());
    }
  }

  private static Object byteLen(TypeInfo t, int len, int at, WireReader r) throws TdsProtocolException {
    TdsType type = t.type();
    switch (type) {
      case INTN:
        return fixed(len == 1 ? TdsType.INT1 : len == 2 ? TdsType.INT2 : len == 4 ? TdsType.INT4
            : len == 8 ? TdsType.INT8 : bad(r, type, len, at), len, r);
      case BITN:
        return fixed(len == 1 ? TdsType.BIT : bad(r, type, len, at), len, r);
      case FLTN:
        return fixed(len == 4 ? TdsType.FLT4 : len == 8 ? TdsType.FLT8 : bad(r, type, len, at), len, r);
      case MONEYN:
        return fixed(len == 4 ? TdsType.MONEY4 : len == 8 ? TdsType.MONEY : bad(r, type, len, at), len, r);
      case DATETIMN:
        return fixed(len == 4 ? TdsType.DATETIM4 : len == 8 ? TdsType.DATETIME : bad(r, type, len, at), len, r);
      case GUID:
        if (len != 16) {
          bad(r, type, len, at);
        }
        return guid(r);
      case DECIMAL: case NUMERIC: case DECIMALN: case NUMERICN:
        return decimal(t, len, at, r);
      default: // legacy CHAR, VARCHAR, BINARY, VARBINARY
        return fromBytes(t, r.bytes(len, type + " value"), r);
    }
  }

  private static TdsType bad(WireReader r, TdsType type, int len, int at) throws TdsProtocolException {
    throw r.error(type + " value length " + len + " is not valid for the type", at);
  }

  private static Object fixed(TdsType type, int len, WireReader r) throws TdsProtocolException {
    switch (type) {
      case NULL:
        return null;
      case INT1:
        return (short) r.u8("tinyint");
      case BIT:
        return r.u8("bit") != 0;
      case INT2:
        return r.i16("smallint");
      case INT4:
        return r.i32("int");
      case INT8:
        return r.i64("bigint");
      case FLT4:
        return Float.intBitsToFloat(r.i32("real"));
      case FLT8:
        return Double.longBitsToDouble(r.i64("float"));
      case MONEY4:
        return BigDecimal.valueOf(r.i32("smallmoney"), 4);
      case MONEY: {
        long hi = r.i32("money high");
        long lo = r.u32("money low");
        return BigDecimal.valueOf(hi << 32 | lo, 4);
      }
      case DATETIM4:
        return Temporals.readSmallDateTime(r);
      case DATETIME:
        return Temporals.readDateTime(r);
      default:
        throw new AssertionError(type + " " + len);
    }
  }

  // mixed-endian: Data1 (4, LE), Data2 (2, LE), Data3 (2, LE), Data4 (8, as is)
  private static UUID guid(WireReader r) throws TdsProtocolException {
    long d1 = r.u32("guid");
    long d2 = r.u16("guid");
    long d3 = r.u16("guid");
    long msb = d1 << 32 | d2 << 16 | d3;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      lsb = lsb << 8 | r.u8("guid");
    }
    return new UUID(msb, lsb);
  }

  private static BigDecimal decimal(TypeInfo t, int len, int at, WireReader r) throws TdsProtocolException {
    if (len < 2 || len > 17) {
      bad(r, t.type(), len, at);
    }
    int sign = r.u8("decimal sign");
    if (sign > 1) {
      throw r.error("decimal sign byte " + sign + " is neither 0 (negative) nor 1 (positive)", at + 1);
    }
    byte[] le = r.bytes(len - 1, "decimal magnitude");
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    BigInteger magnitude = new BigInteger(1, be);
    return new BigDecimal(sign == 1 ? magnitude : magnitude.negate(), t.scale());
  }

  private static Object fromBytes(TypeInfo t, byte[] b, WireReader r) throws TdsProtocolException {
    if (t.type().isUnicode()) {
      if (b.length % 2 != 0) {
        throw r.error(t.type() + " data has an odd byte count " + b.length);
      }
      return new String(b, StandardCharsets.UTF_16LE);
    }
    if (t.type().isAnsiText()) {
      return new String(b, t.collation() == null ? Collation.SQL_LATIN1_GENERAL_CP1_CI_AS.charset()
          : t.collation().charset());
    }
    return b;
  }

  /** Reads PLP chunks ([MS-TDS] 2.2.5.2.3); returns null for PLP_NULL. */
  private static byte[] plp(WireReader r) throws TdsProtocolException {
    int at = r.position();
    long total = r.i64("PLP total length");
    if (total == PLP_NULL) {
      return null;
    }
    if (total != PLP_UNKNOWN_LENGTH && (total < 0 || total > r.remaining())) {
      throw r.error("PLP total length " + Long.toUnsignedString(total) + " exceeds the "
          + r.remaining() + " bytes left", at);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      long chunk = r.u32("PLP chunk length");
      if (chunk == 0) {
        break;
      }
      out.writeBytes(r.bytes(chunk, "PLP chunk"));
    }
    if (total != PLP_UNKNOWN_LENGTH && total != out.size()) {
      throw r.error("PLP chunks hold " + out.size() + " bytes but the total length says " + total, at);
    }
    return out.toByteArray();
  }
}
