package io.tdstls.protocol.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes one column value for a TYPE_INFO; the inverse of {@link ValueDecoder}. */
final class ValueEncoder {

  /** The text pointer sent with text, ntext and image values; clients only test its length. */
  private static final byte[] TEXT_POINTER = new byte[16];

  private ValueEncoder() {}

  static void encode(TypeInfo t, Object v, WireWriter w) {
    TdsType type = t.type();
    if (v == null) {
      writeNull(t, w);
      return;
    }
    switch (type.format()) {
      case FIXED:
        fixed(type, v, w);
        return;
      case BYTE_LEN:
        byteLen(t, v, w);
        return;
      case DATE:
        w.u8(3);
        Temporals.writeDate(w, as(LocalDate.class, v, type));
        return;
      case SCALED:
        w.u8(Temporals.valueLength(type, t.scale()));
        if (type == TdsType.TIMEN) {
          Temporals.writeTime(w, as(LocalTime.class, v, type), t.scale());
        } else if (type == TdsType.DATETIME2N) {
          Temporals.writeDateTime2(w, as(LocalDateTime.class, v, type), t.scale());
        } else {
          Temporals.writeDateTimeOffset(w, as(OffsetDateTime.class, v, type), t.scale());
        }
        return;
      case LONG_LEN: {
        byte[] b = toBytes(t, v);
        checkLength(t, b.length);
        w.u8(TEXT_POINTER.length).bytes(TEXT_POINTER).bytes(new byte[8]).i32(b.length).bytes(b);
        return;
      }
      case USHORT_LEN:
      case XML: {
        byte[] b = toBytes(t, v);
        if (t.isPlp()) {
          w.i64(b.length);
          if (b.length > 0) {
            w.i32(b.length).bytes(b);
          }
          w.i32(0);
        } else {
          checkLength(t, b.length);
          w.u16(b.length).bytes(b);
        }
        return;
      }
      default:
        throw new IllegalArgumentException("values of type " + type + " are not supported");
    }
  }

  private static void writeNull(TypeInfo t, WireWriter w) {
    switch (t.type().format()) {
      case FIXED:
        if (t.type() != TdsType.NULL) {
          throw new IllegalArgumentException(t.type() + " is not nullable: declare the column with"
              + " the matching N type (INTN, BITN, FLTN, MONEYN, DATETIMN)");
        }
        return;
      case BYTE_LEN:
      case DATE:
      case SCALED:
      case LONG_LEN:
        w.u8(0);
        return;
      default:
        if (t.isPlp()) {
          w.i64(-1L);
        } else {
          w.u16(0xFFFF);
        }
    }
  }

  private static void byteLen(TypeInfo t, Object v, WireWriter w) {
    TdsType type = t.type();
    int len = t.maxLength();
    switch (type) {
      case INTN:
        fixedWithLength(len == 1 ? TdsType.INT1 : len == 2 ? TdsType.INT2 : len == 4 ? TdsType.INT4
            : len == 8 ? TdsType.INT8 : null, t, v, w);
        return;
      case BITN:
        fixedWithLength(TdsType.BIT, t, v, w);
        return;
      case FLTN:
        fixedWithLength(len == 4 ? TdsType.FLT4 : len == 8 ? TdsType.FLT8 : null, t, v, w);
        return;
      case MONEYN:
        fixedWithLength(len == 4 ? TdsType.MONEY4 : len == 8 ? TdsType.MONEY : null, t, v, w);
        return;
      case DATETIMN:
        fixedWithLength(len == 4 ? TdsType.DATETIM4 : len == 8 ? TdsType.DATETIME : null, t, v, w);
        return;
      case GUID:
        w.u8(16);
        guid(as(UUID.class, v, type), w);
        return;
      case DECIMAL: case NUMERIC: case DECIMALN: case NUMERICN:
        decimal(t, as(BigDecimal.class, v, type), w);
        return;
      default: {
        byte[] b = toBytes(t, v);
        checkLength(t, b.length);
        w.u8(b.length).bytes(b);
      }
    }
  }

  private static void fixedWithLength(TdsType fixed, TypeInfo t, Object v, WireWriter w) {
    if (fixed == null) {
      throw new IllegalArgumentException(t.type() + " cannot have length " + t.maxLength());
    }
    w.u8(fixed.fixedLength());
    fixed(fixed, v, w);
  }

  private static void fixed(TdsType type, Object v, WireWriter w) {
    switch (type) {
      case NULL:
        throw new IllegalArgumentException("a NULLTYPE column only holds null");
      case INT1:
        w.u8((int) integer(v, 0, 255, type));
        return;
      case BIT:
        w.u8(as(Boolean.class, v, type) ? 1 : 0);
        return;
      case INT2:
        w.u16((int) integer(v, Short.MIN_VALUE, Short.MAX_VALUE, type));
        return;
      case INT4:
        w.i32((int) integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE, type));
        return;
      case INT8:
        w.i64(integer(v, Long.MIN_VALUE, Long.MAX_VALUE, type));
        return;
      case FLT4:
        w.i32(Float.floatToRawIntBits(as(Number.class, v, type).floatValue()));
        return;
      case FLT8:
        w.i64(Double.doubleToRawLongBits(as(Number.class, v, type).doubleValue()));
        return;
      case MONEY4:
        w.i32((int) money(v, type, Integer.MIN_VALUE, Integer.MAX_VALUE));
        return;
      case MONEY: {
        long m = money(v, type, Long.MIN_VALUE, Long.MAX_VALUE);
        w.i32((int) (m >> 32)).i32((int) m);
        return;
      }
      case DATETIM4:
        Temporals.writeSmallDateTime(w, as(LocalDateTime.class, v, type));
        return;
      default: // DATETIME
        Temporals.writeDateTime(w, as(LocalDateTime.class, v, type));
    }
  }

  private static long integer(Object v, long min, long max, TdsType type) {
    Number n = as(Number.class, v, type);
    if (n instanceof BigDecimal || n instanceof BigInteger || n instanceof Double || n instanceof Float) {
      throw new IllegalArgumentException(type + " takes an integral value, got " + v.getClass().getSimpleName());
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw new IllegalArgumentException(type + " value " + l + " is outside " + min + ".." + max);
    }
    return l;
  }

  private static long money(Object v, TdsType type, long min, long max) {
    BigDecimal scaled = exactScale(as(BigDecimal.class, v, type), 4, type).movePointRight(4);
    BigInteger units = scaled.toBigIntegerExact();
    if (units.compareTo(BigInteger.valueOf(min)) < 0 || units.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(type + " value " + v + " is out of range");
    }
    return units.longValue();
  }

  private static BigDecimal exactScale(BigDecimal d, int scale, TdsType type) {
    try {
      return d.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(type + " value " + d + " has more than " + scale
          + " decimal places: round it first", e);
    }
  }

  private static void decimal(TypeInfo t, BigDecimal d, WireWriter w) {
    BigInteger unscaled = exactScale(d, t.scale(), t.type()).unscaledValue();
    int len = t.maxLength();
    byte[] be = unscaled.abs().toByteArray(); // may have a leading 0 sign byte
    int start = be.length > 1 && be[0] == 0 ? 1 : 0;
    int size = be.length - start;
    if (size > len - 1 || unscaled.abs().toString().length() > t.precision()) {
      throw new IllegalArgumentException(t.type() + " value " + d + " does not fit precision "
          + t.precision());
    }
    w.u8(len).u8(unscaled.signum() >= 0 ? 1 : 0);
    byte[] le = new byte[len - 1];
    for (int i = 0; i < size; i++) {
      le[i] = be[be.length - 1 - i];
    }
    w.bytes(le);
  }

  private static void guid(UUID u, WireWriter w) {
    long msb = u.getMostSignificantBits();
    w.i32((int) (msb >>> 32)).u16((int) (msb >>> 16)).u16((int) msb);
    long lsb = u.getLeastSignificantBits();
    for (int i = 7; i >= 0; i--) {
      w.u8((int) (lsb >>> (8 * i)));
    }
  }

  private static byte[] toBytes(TypeInfo t, Object v) {
    TdsType type = t.type();
    if (type.isUnicode()) {
      return as(String.class, v, type).getBytes(StandardCharsets.UTF_16LE);
    }
    if (type.isAnsiText()) {
      Collation c = t.collation() == null ? Collation.SQL_LATIN1_GENERAL_CP1_CI_AS : t.collation();
      return as(String.class, v, type).getBytes(c.charset());
    }
    return as(byte[].class, v, type).clone();
  }

  private static void checkLength(TypeInfo t, int length) {
    if (length > t.maxLength()) {
      throw new IllegalArgumentException(t.type() + " value of " + length + " bytes exceeds the"
          + " column's maximum length " + t.maxLength());
    }
  }

  private static <T> T as(Class<T> c, Object v, TdsType type) {
    if (!c.isInstance(v)) {
      throw new IllegalArgumentException(type + " takes a " + c.getSimpleName() + ", got "
          + v.getClass().getSimpleName());
    }
    return c.cast(v);
  }
}
